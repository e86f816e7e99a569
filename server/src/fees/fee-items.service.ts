import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, FeeItemInput, feeItemProblems, FeeItemView, PRICE_REPORT_HOTLINE, PriceTableView } from '@linli/shared';
import { AppError } from '../common/app-error';
import { isUniqueViolation } from '../database/unique-violation';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { Community } from '../org/entities/community.entity';
import { CreateFeeItemDto, UpdateFeeItemDto } from './dto/fee-item.dto';
import { FeeItem } from './entities/fee-item.entity';
import { feeItemView, priceTableRow } from './fee-views';

const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Fee items (收费项目) per community: admins define them, staff read them, residents read the price table. */
@Injectable()
export class FeeItemsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, communityId: number): Promise<FeeItemView[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const rows = await this.ds.getRepository(FeeItem).find({ where: { companyId: caller.companyId, communityId }, order: { id: 'ASC' } });
    return rows.map(feeItemView);
  }

  async create(caller: Caller, dto: CreateFeeItemDto): Promise<FeeItemView> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    const input: FeeItemInput = {
      name: dto.name,
      kind: dto.kind,
      payer: dto.payer,
      periodUnit: nul(dto.periodUnit),
      priceE4: nul(dto.priceE4),
      tiers: dto.tiers ? dto.tiers.map((t) => ({ uptoE2: nul(t.uptoE2), priceE4: t.priceE4 })) : null,
      meterUnit: nul(dto.meterUnit),
      amountCents: nul(dto.amountCents),
      dueDay: dto.dueDay,
      lateFeeRatePpm: dto.lateFeeRatePpm,
      lateFeeGraceDays: dto.lateFeeGraceDays,
      lateFeeCapPercent: nul(dto.lateFeeCapPercent),
      startsOn: dto.startsOn,
    };
    checkItem(input);
    const now = this.clock.now();
    const values: Partial<FeeItem> = {
      ...input,
      companyId: caller.companyId,
      communityId: dto.communityId,
      serviceContent: dto.serviceContent,
      standardName: nul(dto.standardName),
      legalBasis: nul(dto.legalBasis),
      active: true,
      version: 1,
      updatedBy: caller.userId,
      createdAt: now,
      updatedAt: now,
    };
    const id = await insertRow(this.ds.manager, FeeItem, values).catch(duplicateName);
    return feeItemView(Object.assign(new FeeItem(), values, { id }));
  }

  /** A version-checked edit; the kind stays (bills already issued follow it). */
  async update(caller: Caller, id: number, dto: UpdateFeeItemDto): Promise<FeeItemView> {
    const scope = await this.scopes.resolve(caller);
    const item = await this.ds.getRepository(FeeItem).findOneBy({ id, companyId: caller.companyId });
    scope.assertCommunity(item, '收费项目');
    const { version, tiers, ...given } = dto;
    const fields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<FeeItem>;
    const next: FeeItem = Object.assign(new FeeItem(), item, fields, {
      ...(tiers !== undefined ? { tiers: tiers.map((t) => ({ uptoE2: nul(t.uptoE2), priceE4: t.priceE4 })) } : {}),
    });
    checkItem(next);
    if (item!.version !== version) throw AppError.versionConflict(item!.version);
    const now = this.clock.now();
    const changes = { ...fields, ...(tiers !== undefined ? { tiers: next.tiers } : {}), version: version + 1, updatedBy: caller.userId, updatedAt: now };
    const res = await this.ds
      .createQueryBuilder()
      .update(FeeItem)
      .set(changes)
      .where('id = :id AND version = :version', { id, version })
      .execute()
      .catch(duplicateName);
    if (!res.affected) throw AppError.versionConflict();
    return feeItemView(Object.assign(next, changes));
  }

  /** 收费价目表: the community's active items, for its residents (a room there) and its staff. */
  async priceTable(caller: Caller, communityId: number): Promise<PriceTableView> {
    const scope = await this.scopes.resolve(caller);
    const allowed = scope.isResident ? scope.roomCommunityIds.includes(communityId) : scope.canSeeCommunity(communityId);
    if (!allowed) throw AppError.notFound('小区');
    const [community, items] = await Promise.all([
      this.ds.getRepository(Community).findOneBy({ id: communityId, companyId: caller.companyId }),
      this.ds.getRepository(FeeItem).find({ where: { companyId: caller.companyId, communityId, active: true }, order: { id: 'ASC' } }),
    ]);
    if (!community) throw AppError.notFound('小区');
    const updated = items.reduce<Date | null>((m, i) => (!m || i.updatedAt > m ? i.updatedAt : m), null);
    return {
      communityId,
      communityName: community.name,
      rows: items.map(priceTableRow),
      hotline: PRICE_REPORT_HOTLINE,
      updatedAt: updated?.toISOString() ?? null,
    };
  }
}

function checkItem(input: FeeItemInput) {
  const problems = feeItemProblems(input);
  if (problems.length)
    throw new AppError(
      400,
      ErrorCode.ValidationFailed,
      problems[0].message,
      problems.map((p) => ({ field: p.field, rule: 'feeItem', message: p.message })),
    );
}

function duplicateName(e: unknown): never {
  if (isUniqueViolation(e)) throw AppError.conflict(ErrorCode.DuplicateName, '该小区已有同名收费项目');
  throw e;
}
