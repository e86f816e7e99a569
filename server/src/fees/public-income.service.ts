import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, publicIncomeProblems, PublicIncomeRowInput, publicIncomeTotals, PublicIncomeView, quarterLabel, Role } from '@linli/shared';
import { AppError } from '../common/app-error';
import { isUniqueViolation } from '../database/unique-violation';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { Scope, ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { NotifyService } from '../notify/notify.service';
import { Community } from '../org/entities/community.entity';
import { User } from '../auth/entities/user.entity';
import { CreatePublicIncomeDto, UpdatePublicIncomeDto } from './dto/public-income.dto';
import { PublicIncome } from './entities/public-income.entity';

/** The finance office: the cashier enters drafts; the manager and the admin also publish. */
const PUBLISHERS: Role[] = ['manager', 'admin'];
/** the quarters a list shows (three years) */
const LIST_LIMIT = 12;

interface Named {
  communityName: string;
  publishedByName: string | null;
}

export function publicIncomeView(p: PublicIncome, n: Named, forResident = false): PublicIncomeView {
  return {
    id: p.id,
    communityId: p.communityId,
    communityName: n.communityName,
    quarter: p.quarter,
    quarterLabel: quarterLabel(p.quarter),
    rows: p.rows.map((r) => ({ category: r.category, incomeCents: r.incomeCents, expenseCents: r.expenseCents, note: r.note })),
    incomeCents: p.incomeCents,
    expenseCents: p.expenseCents,
    balanceCents: p.balanceCents,
    status: p.status,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    publishedByName: forResident ? null : n.publishedByName,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** 公共收益公示 per community and quarter: the finance office enters and publishes, the community's residents read. */
@Injectable()
export class PublicIncomeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
  ) {}

  /** Staff: every quarter of the community, drafts included. */
  async list(caller: Caller, communityId: number): Promise<PublicIncomeView[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    return this.query(caller.companyId, communityId, false);
  }

  /** Residents with a room in the community (and its staff): the published quarters. */
  async published(caller: Caller, communityId: number): Promise<PublicIncomeView[]> {
    const scope = await this.scopes.resolve(caller);
    const allowed = scope.isResident ? scope.roomCommunityIds.includes(communityId) : scope.canSeeCommunity(communityId);
    if (!allowed) throw AppError.notFound('小区');
    return this.query(caller.companyId, communityId, true, scope.isResident);
  }

  async create(caller: Caller, dto: CreatePublicIncomeDto): Promise<PublicIncomeView> {
    const rows = checkRows(dto.rows);
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    const community = await this.ds.getRepository(Community).findOneBy({ id: dto.communityId, companyId: caller.companyId });
    if (!community) throw AppError.notFound('小区');
    const now = this.clock.now();
    const values: Partial<PublicIncome> = {
      companyId: caller.companyId,
      communityId: dto.communityId,
      quarter: dto.quarter,
      rows,
      ...publicIncomeTotals(rows),
      status: 'draft',
      publishedAt: null,
      publishedBy: null,
      createdBy: caller.userId,
      updatedBy: caller.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const id = await insertRow(this.ds.manager, PublicIncome, values).catch(duplicateQuarter);
    return publicIncomeView(Object.assign(new PublicIncome(), values, { id }), { communityName: community.name, publishedByName: null });
  }

  /** A version-checked edit of a draft (a published quarter stays as published). */
  async update(caller: Caller, id: number, dto: UpdatePublicIncomeDto): Promise<PublicIncomeView> {
    const rows = dto.rows ? checkRows(dto.rows) : undefined;
    const { p, names } = await this.load(caller, id);
    if (p.status !== 'draft') throw AppError.conflict(ErrorCode.IllegalTransition, '已公示的收益不能修改');
    if (p.version !== dto.version) throw AppError.versionConflict(p.version);
    const changes: Partial<PublicIncome> = {
      ...(dto.quarter ? { quarter: dto.quarter } : {}),
      ...(rows ? { rows, ...publicIncomeTotals(rows) } : {}),
      version: dto.version + 1,
      updatedBy: caller.userId,
      updatedAt: this.clock.now(),
    };
    const res = await this.ds
      .createQueryBuilder()
      .update(PublicIncome)
      .set(changes)
      .where("id = :id AND version = :version AND status = 'draft'", { id, version: dto.version })
      .execute()
      .catch(duplicateQuarter);
    if (!res.affected) throw AppError.versionConflict();
    return publicIncomeView(Object.assign(p, changes), names);
  }

  /** Publishes a draft to the community's residents: the row and one inbox notice to all of them, in one transaction. */
  async publish(caller: Caller, id: number, version: number): Promise<PublicIncomeView> {
    const { p, names, scope } = await this.load(caller, id);
    if (!PUBLISHERS.some((r) => scope.has(r))) throw AppError.forbidden('只有服务中心经理或公司管理员可以发布公示');
    if (p.status !== 'draft') throw AppError.conflict(ErrorCode.IllegalTransition, '该季度的收益已公示');
    if (p.version !== version) throw AppError.versionConflict(p.version);
    const residents: { user_id: number }[] = await this.ds.query(
      "SELECT DISTINCT b.user_id FROM room_bindings b JOIN rooms r ON r.id = b.room_id WHERE r.community_id = ? AND r.company_id = ? AND b.status = 'approved'",
      [p.communityId, caller.companyId],
    );
    const now = this.clock.now();
    const changes: Partial<PublicIncome> = {
      status: 'published',
      publishedAt: now,
      publishedBy: caller.userId,
      version: version + 1,
      updatedBy: caller.userId,
      updatedAt: now,
    };
    await this.ds.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(PublicIncome)
        .set(changes)
        .where("id = :id AND version = :version AND status = 'draft'", { id, version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      const label = quarterLabel(p.quarter);
      await this.notify.enqueue(em, {
        companyId: p.companyId,
        communityId: p.communityId,
        key: `public-income:${p.id}:published`,
        recipients: residents.map((r) => Number(r.user_id)),
        app: 'resident',
        msg: {
          template: 'public_income_published',
          title: `${label}公共收益公示`,
          body: `${names.communityName}${label}公共收益已公示：收入 ${yuan(p.incomeCents)}，支出 ${yuan(p.expenseCents)}，结余 ${yuan(p.balanceCents)}。`,
          link: '/fees/public-income',
          wx: {},
        },
        at: now,
      });
    });
    return publicIncomeView(Object.assign(p, changes), { ...names, publishedByName: names.callerName });
  }

  private async load(caller: Caller, id: number): Promise<{ p: PublicIncome; names: Named & { callerName: string | null }; scope: Scope }> {
    const scope = await this.scopes.resolve(caller);
    const { entities, raw } = await this.ds
      .getRepository(PublicIncome)
      .createQueryBuilder('p')
      .leftJoin(Community, 'c', 'c.id = p.communityId')
      .leftJoin(User, 'u', 'u.id = p.publishedBy')
      .leftJoin(User, 'me', 'me.id = :me', { me: caller.userId })
      .addSelect('c.name', 'community_name')
      .addSelect('u.name', 'published_by_name')
      .addSelect('me.name', 'caller_name')
      .where('p.id = :id AND p.companyId = :companyId', { id, companyId: caller.companyId })
      .getRawAndEntities();
    const p = entities[0];
    scope.assertCommunity(p, '公共收益公示');
    return {
      p,
      scope,
      names: { communityName: raw[0].community_name, publishedByName: raw[0].published_by_name ?? null, callerName: raw[0].caller_name ?? null },
    };
  }

  private async query(companyId: number, communityId: number, publishedOnly: boolean, forResident = false): Promise<PublicIncomeView[]> {
    const qb = this.ds
      .getRepository(PublicIncome)
      .createQueryBuilder('p')
      .leftJoin(Community, 'c', 'c.id = p.communityId')
      .leftJoin(User, 'u', 'u.id = p.publishedBy')
      .addSelect('c.name', 'community_name')
      .addSelect('u.name', 'published_by_name')
      .where('p.companyId = :companyId AND p.communityId = :communityId', { companyId, communityId })
      .orderBy('p.quarter', 'DESC')
      .limit(LIST_LIMIT);
    if (publishedOnly) qb.andWhere("p.status = 'published'");
    const { entities, raw } = await qb.getRawAndEntities();
    return entities.map((p, i) =>
      publicIncomeView(p, { communityName: raw[i].community_name, publishedByName: raw[i].published_by_name ?? null }, forResident),
    );
  }
}

const yuan = (cents: number) => `${(cents / 100).toFixed(2)} 元`;

function checkRows(rows: PublicIncomeRowInput[]): PublicIncomeRowInput[] {
  const clean = rows.map((r) => ({ category: r.category, incomeCents: r.incomeCents, expenseCents: r.expenseCents, note: r.note ?? '' }));
  const problems = publicIncomeProblems(clean);
  if (problems.length)
    throw new AppError(
      400,
      ErrorCode.ValidationFailed,
      problems[0].message,
      problems.map((p) => ({ field: p.field, rule: 'publicIncome', message: p.message })),
    );
  return clean;
}

function duplicateQuarter(e: unknown): never {
  if (isUniqueViolation(e)) throw AppError.conflict(ErrorCode.DuplicateName, '该小区这个季度已有公示记录');
  throw e;
}
