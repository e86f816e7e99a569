// Bill lines (two area items a month per room, back from the last closed month), and for the paid ones the
// cashier's payments with their allocations and receipt numbers, so that Σ paid_cents = Σ allocations = Σ payments.
import { dt } from './writer.mjs';
import { split } from './places.mjs';

const DAY = 86_400_000;
const CADENCE = { 1: 30, 3: 30, 6: 25, 12: 15 };
const METHODS = { pos: 45, transfer: 30, cash: 25 };

export const BILL_TABLES = {
  bill_lines: [
    'id',
    'company_id',
    'community_id',
    'room_id',
    'fee_item_id',
    'period',
    'source_key',
    'name',
    'payer',
    'amount_cents',
    'detail',
    'due_date',
    'late_fee_rate_ppm',
    'late_fee_grace_days',
    'late_fee_cap_percent',
    'paid_cents',
    'late_fee_paid_cents',
    'waived_cents',
    'status',
    'version',
    'created_at',
    'updated_at',
  ],
  payments: [
    'id',
    'company_id',
    'community_id',
    'room_id',
    'receipt_no',
    'method',
    'amount_cents',
    'principal_cents',
    'late_fee_cents',
    'refunded_cents',
    'status',
    'payer_name',
    'cashier_id',
    'business_date',
    'version',
    'created_at',
    'updated_at',
  ],
  payment_allocations: ['id', 'payment_id', 'bill_line_id', 'principal_cents', 'late_fee_cents'],
};

/** 'YYYY-MM' n months before `period`. */
export function monthsBefore(period, n) {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

/** 09:00 Asia/Shanghai on the 1st of the month after `period`: when its lines were billed. */
function billedAt(period) {
  return Date.parse(`${monthsBefore(period, -1)}-01T01:00:00Z`);
}

export async function generateBills(w, r, S, ids, communities, opts) {
  const { lines, until, companyId } = opts;
  const lastPeriod = monthsBefore(S.shanghaiDate(new Date(until)).slice(0, 7), 1);
  const rooms = communities.flatMap((c) => c.rooms.map((room) => [c, room]));
  const quota = split(lines, rooms.length);
  const receipts = opts.receipts; // Map day → last_no, holding the demo's already (written back by the caller)
  for (let i = 0; i < rooms.length; i++) await room(w, r, S, ids, rooms[i][0], rooms[i][1], quota[i], { lastPeriod, until, companyId, receipts });
  // quotas differ by at most one line: the largest is the rounded-up share (no spread of 200,000 arguments)
  return { lastPeriod, firstPeriod: monthsBefore(lastPeriod, Math.ceil(Math.ceil(lines / Math.max(rooms.length, 1)) / 2) - 1) };
}

async function room(w, r, S, ids, c, room, n, o) {
  const months = Math.ceil(n / 2);
  const cadence = Number(r.weighted(CADENCE));
  // a room in arrears stops paying from some month on (so the arrears have every age)
  const stopAt = r.chance(0.08) ? r.int(0, months) : months + 1;
  const payer = room.residents.find((p) => p.relation === 'owner')?.name ?? room.ownerName;
  let chunk = [];
  let left = n;
  for (let k = months - 1; k >= 0; k--) {
    const period = monthsBefore(o.lastPeriod, k);
    const idx = months - 1 - k;
    const items = left >= c.feeItems.length ? c.feeItems : c.feeItems.slice(0, left);
    for (const item of items) {
      left--;
      const d = S.billLineFor(
        { ...item, kind: 'area', periodUnit: 'month', amountCents: null, startsOn: '2020-01-01' },
        { id: room.id, label: room.label, areaCenti: room.areaCenti },
        period,
      );
      chunk.push({ id: ids.bill_lines++, item, period, d, billed: billedAt(period), payable: idx < stopAt });
    }
    if ((idx + 1) % cadence === 0 || k === 0) {
      await payChunk(w, r, ids, c, room, chunk, payer, o);
      chunk = [];
    }
  }
}

/** One visit to the cashier for the chunk's lines (unless it falls after `until` or the room stopped paying). */
async function payChunk(w, r, ids, c, room, chunk, payer, o) {
  const last = chunk[chunk.length - 1];
  const dueMs = Date.parse(`${last.d.dueDate}T00:00:00+08:00`);
  const at = Math.min(last.billed + r.around(7 * DAY, 0.5), dueMs + 14 * DAY);
  const paid = at <= o.until && chunk.every((l) => l.payable);
  const partial = paid && chunk.length > 1 && r.chance(0.03);
  let total = 0;
  const allocations = [];
  for (const [i, l] of chunk.entries()) {
    const cents = !paid ? 0 : partial && i === chunk.length - 1 ? Math.floor(l.d.amountCents / 2) : l.d.amountCents;
    const status = cents === l.d.amountCents ? 'paid' : 'open';
    total += cents;
    if (cents) allocations.push([l.id, cents]);
    const it = l.item;
    await w.add('bill_lines', [
      l.id,
      o.companyId,
      c.id,
      room.id,
      it.id,
      l.period,
      l.d.sourceKey,
      it.name,
      'owner',
      l.d.amountCents,
      JSON.stringify(l.d.detail),
      l.d.dueDate,
      it.rate,
      it.grace,
      it.cap,
      cents,
      0,
      0,
      status,
      cents ? 2 : 1,
      dt(l.billed),
      dt(cents ? at : l.billed),
    ]);
  }
  if (!total) return;
  const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
  const key = day.replace(/-/g, '');
  const no = (o.receipts.get(key) ?? 0) + 1;
  o.receipts.set(key, no);
  const paymentId = ids.payments++;
  const method = r.weighted(METHODS);
  await w.add('payments', [
    paymentId,
    o.companyId,
    c.id,
    room.id,
    `SJ-${key}-${String(no).padStart(4, '0')}`,
    method,
    total,
    total,
    0,
    0,
    'paid',
    payer,
    r.pick(c.staff.cashier).id,
    day,
    1,
    dt(at),
    dt(at),
  ]);
  for (const [lineId, cents] of allocations) await w.add('payment_allocations', [ids.payment_allocations++, paymentId, lineId, cents, 0]);
}
