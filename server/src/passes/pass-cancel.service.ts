import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ErrorCode, PassDecisionView, PASS_STATUS_LABELS, PassKind, PassStatus } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { execute } from '../fees/ledger-sql';
import { Pass } from './entities/pass.entity';
import { PassIssuer } from './pass-issuer';

/** What a resident may still withdraw: a parking pass not yet paid, a large-item release not yet decided. */
const WITHDRAWABLE: Partial<Record<PassKind, PassStatus[]>> = {
  parking: [PassStatus.PendingPayment],
  item_release: [PassStatus.PendingConsent, PassStatus.Review],
};

/** A resident withdraws their parking application (its unpaid fee line goes with it) or large-item request. */
@Injectable()
export class PassCancelService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly issuer: PassIssuer,
  ) {}

  async cancel(c: Caller, kind: PassKind, id: number, version: number): Promise<PassDecisionView> {
    const scope = await this.scopes.resolve(c);
    const p = await this.ds.manager.findOneBy(Pass, { id, kind, companyId: c.companyId });
    if (!p || !scope.roomIds.includes(p.roomId)) throw AppError.notFound(kind === PassKind.Parking ? '停车证' : '放行申请');
    if (p.version !== version) throw AppError.versionConflict(p.version);
    const allowed = WITHDRAWABLE[kind] ?? [];
    if (!allowed.includes(p.status)) throw AppError.conflict(ErrorCode.Conflict, `该申请${PASS_STATUS_LABELS[p.status]}，不能撤销`);
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      const r = await em
        .createQueryBuilder()
        .update(Pass)
        .set({ status: PassStatus.Cancelled, updatedAt: now, version: () => 'version + 1' })
        .where({ id, version, status: In(allowed) })
        .execute();
      if (r.affected !== 1) throw AppError.versionConflict();
      if (p.billLineId !== null) {
        // the fee was never paid: the charge goes (a payment meanwhile makes this 409 and rolls back)
        const del = await execute(em, "DELETE FROM bill_lines WHERE id = ? AND status = 'open' AND paid_cents = 0", [p.billLineId]);
        if (del.affected !== 1) throw AppError.conflict(ErrorCode.Conflict, '停车费已缴或正在缴纳，不能撤销');
      } else await this.issuer.stopClocks(em, [id], now, 'cancelled');
    });
    return { id, status: PassStatus.Cancelled, statusLabel: PASS_STATUS_LABELS.cancelled, version: version + 1 };
  }
}
