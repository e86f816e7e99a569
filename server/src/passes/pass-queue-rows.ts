import { EntityManager } from 'typeorm';
import { ClockName, ClockView, maskPhone, PASS_STATUS_LABELS, PASS_SUBJECT, PassKind } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Room } from '../org/entities/room.entity';
import { SlaClock } from '../sla/entities/clock.entity';
import { Pass } from './entities/pass.entity';

/** A pass with its room and issue clock, as the parking and large-item views need it. */
export type LoadedPass = Pass & { room: Room; clock: SlaClock | null };

/** Passes of a kind with their room and issue clock: one statement. */
export function passQuery(em: EntityManager, kind: PassKind) {
  return em
    .createQueryBuilder(Pass, 'p')
    .innerJoinAndMapOne('p.room', Room, 'r', 'r.id = p.roomId')
    .leftJoinAndMapOne('p.clock', SlaClock, 'k', 'k.subjectType = :subj AND k.subjectId = p.id AND k.name = :clockName', {
      subj: PASS_SUBJECT,
      clockName: ClockName.PassIssue,
    })
    .where('p.kind = :kind', { kind });
}

export function clockView(k: SlaClock | null | undefined): ClockView | null {
  if (!k) return null;
  return {
    name: ClockName.PassIssue,
    state: k.state,
    startedAt: k.startedAt.toISOString(),
    dueAt: k.dueAt.toISOString(),
    metAt: k.metAt?.toISOString() ?? null,
    pausedAt: null,
    pausedMs: 0,
    breached: !!k.breached,
  };
}

/** What every queued pass's view starts with: the room, the state, the holder (phone masked unless for the holder). */
export function queuedPassBase(p: LoadedPass, forHolder: boolean) {
  return {
    id: p.id,
    communityId: p.communityId,
    roomId: p.roomId,
    roomLabel: p.room.label,
    status: p.status,
    statusLabel: PASS_STATUS_LABELS[p.status],
    holderName: p.holderName,
    holderPhone: forHolder ? p.holderPhone : maskPhone(p.holderPhone),
  };
}

export function detailsOf<T>(p: Pick<Pass, 'detailsJson'>): T {
  return JSON.parse(p.detailsJson ?? '{}') as T;
}

/** The caller's approved binding of a room, with what a pass needs: one statement. */
export interface ResidentRoom {
  roomId: number;
  companyId: number;
  communityId: number;
  label: string;
  relation: 'owner' | 'family' | 'tenant';
  userName: string;
  userPhone: string | null;
}

export async function residentRoom(
  em: EntityManager,
  c: Caller,
  roomId: number,
  extra: { sql: string; params: unknown[] } = { sql: '', params: [] },
): Promise<ResidentRoom & { extra: Record<string, unknown> }> {
  const [row] = (await em.query(
    `SELECT r.id, r.company_id, r.community_id, r.label, b.relation, u.name AS user_name, u.phone AS user_phone${extra.sql}
     FROM room_bindings b JOIN rooms r ON r.id = b.room_id JOIN users u ON u.id = b.user_id
     WHERE b.user_id = ? AND b.room_id = ? AND b.status = 'approved' AND r.company_id = ?`,
    [...extra.params, c.userId, roomId, c.companyId],
  )) as Record<string, unknown>[];
  if (!row) throw AppError.notFound('房屋');
  return {
    roomId: Number(row.id),
    companyId: Number(row.company_id),
    communityId: Number(row.community_id),
    label: String(row.label),
    relation: row.relation as ResidentRoom['relation'],
    userName: String(row.user_name ?? ''),
    userPhone: (row.user_phone as string | null) ?? null,
    extra: row,
  };
}
