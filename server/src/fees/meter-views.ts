import { METER_READING_STATUS_LABELS, MeterReadingStatus, MeterReadingView } from '@linli/shared';
import { utc } from '../common/sql-time';

/** A reading with its room, item and people, as one row (raw SQL, both dialects). */
export const READING_SELECT = `SELECT m.id, m.company_id, m.community_id, m.room_id, m.fee_item_id, m.period, m.reading_e2, m.previous_e2,
    m.usage_e2, m.replaced, m.old_final_e2, m.new_start_e2, m.status, m.hold_reason, m.entered_by, m.reviewed_by,
    m.reviewed_at, m.bill_line_id, m.version, m.updated_at,
    r.label AS room_label, f.name AS item_name, f.meter_unit, ue.name AS entered_by_name, ur.name AS reviewed_by_name
  FROM meter_readings m
  JOIN rooms r ON r.id = m.room_id
  JOIN fee_items f ON f.id = m.fee_item_id
  LEFT JOIN users ue ON ue.id = m.entered_by
  LEFT JOIN users ur ON ur.id = m.reviewed_by`;

export type ReadingRow = Record<string, unknown>;

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function readingView(r: ReadingRow): MeterReadingView {
  const status = String(r.status) as MeterReadingStatus;
  return {
    id: Number(r.id),
    communityId: Number(r.community_id),
    roomId: Number(r.room_id),
    roomLabel: String(r.room_label ?? ''),
    feeItemId: Number(r.fee_item_id),
    itemName: String(r.item_name ?? ''),
    meterUnit: String(r.meter_unit ?? ''),
    period: String(r.period),
    readingE2: Number(r.reading_e2),
    previousE2: n(r.previous_e2),
    usageE2: Number(r.usage_e2),
    replaced: !!Number(r.replaced),
    oldFinalE2: n(r.old_final_e2),
    newStartE2: n(r.new_start_e2),
    status,
    statusLabel: METER_READING_STATUS_LABELS[status],
    holdReason: (r.hold_reason as string | null) ?? null,
    enteredByName: (r.entered_by_name as string | null) ?? null,
    reviewedByName: (r.reviewed_by_name as string | null) ?? null,
    reviewedAt: utc(r.reviewed_at)?.toISOString() ?? null,
    billLineId: n(r.bill_line_id),
    version: Number(r.version),
    updatedAt: utc(r.updated_at)!.toISOString(),
  };
}

/** A room's readings of an item that decide a new reading of `period`: the 6 months before it (and anything later), and the latest earlier one. */
export const HISTORY_SQL = `SELECT m.id, m.room_id, m.period, m.reading_e2, m.previous_e2, m.usage_e2, m.status, m.version
  FROM meter_readings m
  WHERE m.fee_item_id = ? AND m.community_id = ? AND (m.period >= ? OR m.period = (
    SELECT MAX(p.period) FROM meter_readings p WHERE p.room_id = m.room_id AND p.fee_item_id = m.fee_item_id AND p.period < ?))`;

export interface HistoryRow {
  id: number;
  roomId: number;
  period: string;
  readingE2: number;
  previousE2: number | null;
  usageE2: number;
  status: MeterReadingStatus;
  version: number;
}

export function historyRow(r: ReadingRow): HistoryRow {
  return {
    id: Number(r.id),
    roomId: Number(r.room_id),
    period: String(r.period),
    readingE2: Number(r.reading_e2),
    previousE2: n(r.previous_e2),
    usageE2: Number(r.usage_e2),
    status: String(r.status) as MeterReadingStatus,
    version: Number(r.version),
  };
}
