import { EntityManager } from 'typeorm';
import { BillableReading } from '@linli/shared';

export interface ReadingForBill extends BillableReading {
  id: number;
  roomId: number;
  feeItemId: number;
  version: number;
}

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The metered items of a community that have readings of the period (a run bills them). */
export async function itemsWithReadings(em: EntityManager, communityId: number, period: string): Promise<Set<number>> {
  const rows: { fee_item_id: number }[] = await em.query('SELECT DISTINCT fee_item_id FROM meter_readings WHERE community_id = ? AND period = ?', [
    communityId,
    period,
  ]);
  return new Set(rows.map((r) => Number(r.fee_item_id)));
}

/** The readings of these rooms a run may bill (recorded or approved, not held, not billed), by "item:room". */
export async function billableReadings(em: EntityManager, communityId: number, period: string, roomIds: number[]): Promise<Map<string, ReadingForBill>> {
  if (!roomIds.length) return new Map();
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT id, room_id, fee_item_id, reading_e2, previous_e2, usage_e2, old_final_e2, new_start_e2, version FROM meter_readings
     WHERE community_id = ? AND period = ? AND status IN ('recorded', 'approved') AND room_id IN (${roomIds.map(() => '?').join(',')})`,
    [communityId, period, ...roomIds],
  );
  return new Map(
    rows.map((r) => [
      `${Number(r.fee_item_id)}:${Number(r.room_id)}`,
      {
        id: Number(r.id),
        roomId: Number(r.room_id),
        feeItemId: Number(r.fee_item_id),
        version: Number(r.version),
        readingE2: Number(r.reading_e2),
        previousE2: n(r.previous_e2),
        usageE2: Number(r.usage_e2),
        oldFinalE2: n(r.old_final_e2),
        newStartE2: n(r.new_start_e2),
      },
    ]),
  );
}

/** Every reading of the period, for the preview: status and what it would bill, by "item:room". */
export async function periodReadings(em: EntityManager, communityId: number, period: string): Promise<Map<string, BillableReading & { status: string }>> {
  const rows: Record<string, unknown>[] = await em.query(
    'SELECT room_id, fee_item_id, status, reading_e2, previous_e2, usage_e2, old_final_e2, new_start_e2 FROM meter_readings WHERE community_id = ? AND period = ?',
    [communityId, period],
  );
  return new Map(
    rows.map((r) => [
      `${Number(r.fee_item_id)}:${Number(r.room_id)}`,
      {
        status: String(r.status),
        readingE2: Number(r.reading_e2),
        previousE2: n(r.previous_e2),
        usageE2: Number(r.usage_e2),
        oldFinalE2: n(r.old_final_e2),
        newStartE2: n(r.new_start_e2),
      },
    ]),
  );
}
