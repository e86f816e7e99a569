import { DataSource, EntityManager } from 'typeorm';
import { addDays, billLineFor, monthBefore, BillableItem, periodDays, receiptNo, shanghaiDate, type PaymentMethod } from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { BillLine } from '../../fees/entities/bill-line.entity';
import { CashierClose } from '../../fees/entities/cashier-close.entity';
import { FeeItem } from '../../fees/entities/fee-item.entity';
import { newBillLine } from '../../fees/new-rows';
import { Payment } from '../../fees/entities/payment.entity';
import { PaymentAllocation } from '../../fees/entities/payment-allocation.entity';
import { ReceiptCounter } from '../../fees/entities/receipt-counter.entity';
import { Community } from '../../org/entities/community.entity';
import { Room } from '../../org/entities/room.entity';

const METHODS: PaymentMethod[] = ['cash', 'pos', 'transfer'];
/** 张三's room keeps last-but-one month's bill unpaid, so the demo shows an overdue bill with its late fee. */
const UNPAID_LABEL = '1栋1单元101';

/** 09:00 / 10:00 in Shanghai of a date, as UTC instants. */
const at = (date: string, hourUtc: number) => new Date(`${date}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`);

type Paid = { line: BillLine; date: string; method: PaymentMethod };

/**
 * 锦绣花园's property fee for the last two months, billed on the 1st at 09:00: three rooms in five paid the older
 * month before its due date, one in five the newer one so far; 张三's room pays nothing, so its older bill is
 * overdue with a late fee. Payments are taken by 收银员 cashier1 with numbered receipts, and each past day is closed
 * (日结). Development only (`SEED_DEMO_BILLS`): the API tests build their own bills.
 */
export async function seedDemoBills(ds: DataSource, now = new Date()): Promise<void> {
  await ds.transaction(async (em) => {
    const community = await em.findOneByOrFail(Community, { code: 'JXHY' });
    const item = await em.findOneByOrFail(FeeItem, { communityId: community.id, name: '物业服务费' });
    const cashier = await em.findOneByOrFail(User, { companyId: community.companyId, username: 'cashier1' });
    const rooms = (await em.find(Room, { where: { communityId: community.id }, order: { id: 'ASC' } })).filter((r) => r.areaCenti);
    const today = shanghaiDate(now);
    const paid: Paid[] = [];
    for (const [k, period] of [monthBefore(today, 2), monthBefore(today, 1)].entries()) {
      const issued = addDays(periodDays(period).to, 1);
      const lines = await insertLines(em, item, rooms, period, at(issued, 1));
      lines.forEach((line, i) => {
        const date = addDays(issued, 1 + (i % 10));
        const pays = k === 0 ? i % 5 < 3 : i % 5 === 0;
        if (pays && date < today && line.dueDate >= date && !rooms[i].label.endsWith(UNPAID_LABEL)) paid.push({ line, date, method: METHODS[i % 3] });
      });
    }
    await takePayments(em, community, cashier.id, paid);
  });
}

async function insertLines(em: EntityManager, item: FeeItem, rooms: Room[], period: string, createdAt: Date): Promise<BillLine[]> {
  const out: BillLine[] = [];
  for (const r of rooms) {
    const draft = billLineFor(item as BillableItem, { id: r.id, label: r.label, areaCenti: r.areaCenti }, period);
    if ('problem' in draft) continue;
    const line = em.create(
      BillLine,
      newBillLine(
        {
          companyId: item.companyId,
          communityId: item.communityId,
          roomId: r.id,
          feeItemId: item.id,
          period,
          sourceKey: draft.sourceKey,
          name: item.name,
          payer: item.payer,
          amountCents: draft.amountCents,
          detail: draft.detail,
          dueDate: draft.dueDate,
          lateFeeRatePpm: item.lateFeeRatePpm,
          lateFeeGraceDays: item.lateFeeGraceDays,
          lateFeeCapPercent: item.lateFeeCapPercent,
        },
        createdAt,
      ),
    );
    out.push(await em.save(line));
  }
  return out;
}

/** Each paid line: one payment with its receipt and allocation, the line settled; then each day's close. */
async function takePayments(em: EntityManager, community: Community, cashierId: number, paid: Paid[]) {
  paid.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line.id - b.line.id));
  const seq = new Map<string, number>();
  const days = new Map<string, Payment[]>();
  for (const { line, date, method } of paid) {
    const n = (seq.get(date) ?? 0) + 1;
    seq.set(date, n);
    const payment = await em.save(
      em.create(Payment, {
        companyId: community.companyId,
        communityId: community.id,
        roomId: line.roomId,
        receiptNo: receiptNo(date, n),
        method,
        amountCents: line.amountCents,
        principalCents: line.amountCents,
        lateFeeCents: 0,
        refundedCents: 0,
        status: 'paid',
        payerName: null,
        invoiceTitle: null,
        invoiceTaxId: null,
        note: null,
        cashierId,
        businessDate: date,
        closeId: null,
        version: 1,
        createdAt: at(date, 2),
        updatedAt: at(date, 2),
      }),
    );
    await em.insert(PaymentAllocation, { paymentId: payment.id, billLineId: line.id, principalCents: line.amountCents, lateFeeCents: 0 });
    await em.update(BillLine, { id: line.id }, { paidCents: line.amountCents, status: 'paid', version: 2, updatedAt: at(date, 2) });
    days.set(date, [...(days.get(date) ?? []), payment]);
  }
  for (const [date, n] of seq) await em.insert(ReceiptCounter, { companyId: community.companyId, day: date.replace(/-/g, ''), lastNo: n });
  for (const [date, payments] of days) {
    const totals: Record<string, { count: number; amountCents: number }> = {};
    for (const p of payments) {
      const t = (totals[p.method] ??= { count: 0, amountCents: 0 });
      t.count++;
      t.amountCents += p.amountCents;
    }
    const close = await em.save(
      em.create(CashierClose, {
        companyId: community.companyId,
        cashierId,
        businessDate: date,
        totals,
        paymentCount: payments.length,
        amountCents: payments.reduce((s, p) => s + p.amountCents, 0),
        createdAt: at(date, 10),
      }),
    );
    await em.update(
      Payment,
      payments.map((p) => p.id),
      { closeId: close.id },
    );
  }
}
