import type { BillLine } from './entities/bill-line.entity';
import type { FeeRequest } from './entities/fee-request.entity';

type LineFields = Omit<
  BillLine,
  'id' | 'paidCents' | 'lateFeePaidCents' | 'waivedCents' | 'status' | 'deferredUntil' | 'runId' | 'version' | 'createdAt' | 'updatedAt'
>;

/** A new open bill line (nothing paid or waived), created now; `runId` only for lines of a bill run. */
export function newBillLine(fields: LineFields, now: Date, runId: number | null = null): Omit<BillLine, 'id'> {
  return {
    ...fields,
    paidCents: 0,
    lateFeePaidCents: 0,
    waivedCents: 0,
    status: 'open',
    deferredUntil: null,
    runId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

type RequestFields = Pick<
  FeeRequest,
  'companyId' | 'communityId' | 'roomId' | 'kind' | 'billLineId' | 'paymentId' | 'amountCents' | 'deferUntil' | 'reason' | 'requestedBy'
>;

/** A new pending request for a manager to decide. */
export function newFeeRequest(fields: RequestFields, now: Date): Omit<FeeRequest, 'id'> {
  return { ...fields, status: 'pending', decidedBy: null, decisionNote: null, decidedAt: null, version: 1, createdAt: now, updatedAt: now };
}
