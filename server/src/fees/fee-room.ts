import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { Scope } from '../common/scope';

export interface ScopedRoom {
  id: number;
  label: string;
  communityId: number;
  companyId: number;
}

/** A room of the caller's company and communities (staff); anything else does not exist for them (404). */
export async function scopedRoom(em: EntityManager, scope: Scope, roomId: number): Promise<ScopedRoom> {
  const [r]: { id: number; label: string; community_id: number; company_id: number }[] = await em.query(
    'SELECT id, label, community_id, company_id FROM rooms WHERE id = ? AND company_id = ?',
    [roomId, scope.companyId],
  );
  if (!r || !scope.canSeeCommunity(Number(r.community_id))) throw AppError.notFound('房屋');
  return { id: Number(r.id), label: r.label, communityId: Number(r.community_id), companyId: Number(r.company_id) };
}
