import { EntityManager } from 'typeorm';
import { afterWaiver, chargePeriod, shanghaiDate, addDays, CHARGE_DUE_DAYS } from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { BillLine } from '../../fees/entities/bill-line.entity';
import { FeeContract } from '../../fees/entities/fee-contract.entity';
import { FeeItem } from '../../fees/entities/fee-item.entity';
import { FeeRequest } from '../../fees/entities/fee-request.entity';
import { Room } from '../../org/entities/room.entity';

/**
 * A parking contract (锦绣花园 2栋2单元202, 车位号 B-023, from the start of the quarter) and, in 翠湖苑 1栋1单元101,
 * a one-off charge with a waiver filed by the desk and approved by the general manager.
 */
export async function seedDemoCharges(em: EntityManager, companyId: number, rooms: { parking: Room; waived: Room }, now: Date): Promise<void> {
  const users = await em.find(User, { where: { companyId, kind: 'staff' } });
  const id = (username: string) => users.find((u) => u.username === username)!.id;
  const parking = await em.findOneByOrFail(FeeItem, { communityId: rooms.parking.communityId, name: '地下车位租金' });
  await em.insert(FeeContract, {
    companyId,
    communityId: rooms.parking.communityId,
    roomId: rooms.parking.id,
    feeItemId: parking.id,
    startsOn: '2026-10-01',
    endsOn: null,
    note: '车位号 B-023',
    active: true,
    version: 1,
    createdBy: id('cashier1'),
    createdAt: now,
    updatedAt: now,
  });
  const today = shanghaiDate(now);
  const line = {
    companyId,
    communityId: rooms.waived.communityId,
    roomId: rooms.waived.id,
    feeItemId: null,
    period: chargePeriod(today),
    sourceKey: 'charge:demo-bulky-waste',
    name: '装修垃圾清运费',
    payer: 'owner' as const,
    amountCents: 30_000,
    detail: { reason: '装修垃圾清运 3 车', chargedBy: id('agent2') },
    dueDate: addDays(today, CHARGE_DUE_DAYS),
    lateFeeRatePpm: 0,
    lateFeeGraceDays: 0,
    lateFeeCapPercent: null,
    paidCents: 0,
    lateFeePaidCents: 0,
    waivedCents: 0,
    status: 'open' as const,
    deferredUntil: null,
    runId: null,
    version: 2,
    createdAt: now,
    updatedAt: now,
  };
  const waived = afterWaiver(line, 10_000);
  const { identifiers } = await em.insert(BillLine, { ...line, ...waived });
  await em.insert(FeeRequest, {
    companyId,
    communityId: rooms.waived.communityId,
    roomId: rooms.waived.id,
    kind: 'waive',
    billLineId: Number(identifiers[0].id),
    paymentId: null,
    amountCents: 10_000,
    deferUntil: null,
    reason: '清运车辆迟到一天，减免一车费用',
    status: 'approved',
    requestedBy: id('agent2'),
    decidedBy: id('manager1'),
    decisionNote: '同意',
    decidedAt: now,
    version: 2,
    createdAt: now,
    updatedAt: now,
  });
}
