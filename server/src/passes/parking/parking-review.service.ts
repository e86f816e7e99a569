import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, formatPlate, maskPhone, normalisePlate, PASS_STATUS_LABELS, PassDecisionView, PassKind, PassStatus, PlateLookupView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { ScopeService } from '../../common/scope';
import { NotifyService } from '../../notify/notify.service';
import { Pass } from '../entities/pass.entity';
import { decideInReview, tellDecision } from '../pass-decision';
import { PassIssuer } from '../pass-issuer';
import { LoadedPass, passQuery } from '../pass-queue-rows';

/** The staff side of parking passes: approve or return those in review, the guard's plate lookup. */
@Injectable()
export class ParkingReviewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly issuer: PassIssuer,
    private readonly notify: NotifyService,
  ) {}

  /** A pass in review of the caller's communities, at the version the reviewer saw. */
  private async inReview(c: Caller, id: number, version: number): Promise<Pass> {
    const scope = await this.scopes.resolve(c);
    const p = await this.ds.manager.findOneBy(Pass, { id, kind: PassKind.Parking });
    scope.assertCommunity(p, '停车证');
    if (p!.version !== version) throw AppError.versionConflict(p!.version);
    if (p!.status !== PassStatus.Review) throw AppError.conflict(ErrorCode.Conflict, `该停车证${PASS_STATUS_LABELS[p!.status]}，不在待审核状态`);
    return p!;
  }

  async approve(c: Caller, id: number, version: number): Promise<PassDecisionView> {
    const p = await this.inReview(c, id, version);
    const at = this.clock.now();
    await this.ds.transaction(async (em) => {
      if ((await this.issuer.issue(em, [p.id], at, c.userId)) !== 1) throw AppError.versionConflict();
      await this.tell(em, p, '停车证已签发', `车辆 ${formatPlate(p.plate ?? '')} 的停车证已审核签发`, at);
    });
    return { id: p.id, status: PassStatus.Active, statusLabel: PASS_STATUS_LABELS.active, version: p.version + 1 };
  }

  /** Returned with a reason; the fee already paid is refunded at the desk (the reversal flow). */
  async return(c: Caller, id: number, version: number, reason: string): Promise<PassDecisionView> {
    const p = await this.inReview(c, id, version);
    const at = this.clock.now();
    await this.ds.transaction(async (em) => {
      await decideInReview(em, p, { status: PassStatus.Returned, reviewNote: reason, reviewedBy: c.userId }, at);
      await this.issuer.stopClocks(em, [p.id], at, 'cancelled');
      await this.tell(em, p, '停车证未通过审核', `车辆 ${formatPlate(p.plate ?? '')} 的停车证被退回：${reason}。已缴停车费请到物业服务中心办理退款`, at);
    });
    return { id: p.id, status: PassStatus.Returned, statusLabel: PASS_STATUS_LABELS.returned, version: p.version + 1 };
  }

  private tell(em: EntityManager, p: Pass, title: string, body: string, at: Date) {
    return tellDecision(this.notify, em, p, title, body, { car_number1: p.plate ?? '' }, at);
  }

  /** The guard's lookup: the plate's parking passes in the community (issued ones), the holder's phone masked. */
  async lookup(c: Caller, communityId: number, plateText: string): Promise<PlateLookupView> {
    const scope = await this.scopes.resolve(c);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const plate = normalisePlate(plateText);
    if (plate.length < 2) throw AppError.badRequest('请输入车牌号');
    const rows = (await passQuery(this.ds.manager, PassKind.Parking)
      .andWhere('p.companyId = :co AND p.communityId = :cid AND p.plate = :plate AND p.status IN (:...st)', {
        co: c.companyId,
        cid: communityId,
        plate,
        st: [PassStatus.Active, PassStatus.Revoked],
      })
      .orderBy('p.validUntil', 'DESC')
      .limit(20)
      .getMany()) as LoadedPass[];
    const now = this.clock.now().getTime();
    const passes = rows.map((p) => {
      const window = now < p.validFrom.getTime() ? 'not_yet' : now >= p.validUntil.getTime() ? 'expired' : 'valid';
      return {
        id: p.id,
        status: p.status,
        statusLabel: PASS_STATUS_LABELS[p.status],
        window: window as 'not_yet' | 'valid' | 'expired',
        vehicle: (JSON.parse(p.detailsJson ?? '{}') as { vehicle: 'car' | 'motorcycle' }).vehicle,
        validFrom: p.validFrom.toISOString(),
        validUntil: p.validUntil.toISOString(),
        roomLabel: p.room.label,
        holderName: p.holderName,
        holderPhoneMasked: maskPhone(p.holderPhone),
      };
    });
    return { plate, valid: passes.some((p) => p.status === PassStatus.Active && p.window === 'valid'), passes };
  }
}
