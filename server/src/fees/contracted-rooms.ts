import { EntityManager } from 'typeorm';
import { contractCovers } from '@linli/shared';

/** The community's contracts covering `period`: "itemId:roomId" → the contract's note (车位号 …). */
export async function contractedRooms(em: EntityManager, communityId: number, period: string): Promise<Map<string, string | null>> {
  const rows: { room_id: number; fee_item_id: number; starts_on: string; ends_on: string | null; note: string | null }[] = await em.query(
    'SELECT room_id, fee_item_id, starts_on, ends_on, note FROM fee_contracts WHERE community_id = ? AND active = ?',
    [communityId, true],
  );
  const out = new Map<string, string | null>();
  for (const r of rows)
    if (contractCovers({ startsOn: r.starts_on, endsOn: r.ends_on }, period)) out.set(contractKey(Number(r.fee_item_id), Number(r.room_id)), r.note);
  return out;
}

export const contractKey = (itemId: number, roomId: number) => `${itemId}:${roomId}`;
