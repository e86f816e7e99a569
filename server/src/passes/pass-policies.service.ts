import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_WORK_HOURS, ErrorCode, PassPolicyView, VISITOR_MAX_DAYS, WorkHours, workHoursProblems } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { isUniqueViolation } from '../database/unique-violation';
import { PassPolicy } from './entities/pass-policy.entity';
import { PutPassPolicyDto } from './dto/pass-policy.dto';

export const DEFAULT_PASS_POLICY = { workHours: DEFAULT_WORK_HOURS, visitorMaxDays: VISITOR_MAX_DAYS, visitorMaxEntries: 10, tenantMaxVisitorPasses: 5 };

export function policyView(communityId: number, p: PassPolicy | null): PassPolicyView {
  if (!p) return { communityId, ...DEFAULT_PASS_POLICY, version: 0, isDefault: true };
  return {
    communityId,
    workHours: JSON.parse(p.workHoursJson) as WorkHours,
    visitorMaxDays: p.visitorMaxDays,
    visitorMaxEntries: p.visitorMaxEntries,
    tenantMaxVisitorPasses: p.tenantMaxVisitorPasses,
    version: p.version,
    isDefault: false,
  };
}

/** Each community's pass rules: decoration work hours, visitor window and entries, tenants' limit. */
@Injectable()
export class PassPoliciesService {
  constructor(
    private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  /** The policy in force (the defaults when the community has none); one statement. */
  async forCommunity(em: EntityManager, communityId: number): Promise<PassPolicyView> {
    return policyView(communityId, await em.findOneBy(PassPolicy, { communityId }));
  }

  async get(c: Caller, communityId: number): Promise<PassPolicyView> {
    const scope = await this.scopes.resolve(c);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    return this.forCommunity(this.ds.manager, communityId);
  }

  /** A manager's change, version-checked (version 0 = the community had no policy of its own yet). */
  async put(c: Caller, communityId: number, dto: PutPassPolicyDto): Promise<PassPolicyView> {
    const scope = await this.scopes.resolve(c);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const problems = workHoursProblems(dto.workHours);
    if (problems.length) throw new AppError(400, ErrorCode.ValidationFailed, problems.join('；'), { workHours: problems });
    const at = this.clock.now();
    const cols = {
      workHoursJson: JSON.stringify({ days: [...dto.workHours.days].sort(), ranges: dto.workHours.ranges.map((r) => ({ from: r.from, to: r.to })) }),
      visitorMaxDays: dto.visitorMaxDays,
      visitorMaxEntries: dto.visitorMaxEntries,
      tenantMaxVisitorPasses: dto.tenantMaxVisitorPasses,
      updatedBy: c.userId,
      updatedAt: at,
    };
    const em = this.ds.manager;
    if (dto.version === 0) {
      await insertRow(em, PassPolicy, { companyId: c.companyId, communityId, ...cols, version: 1 }).catch((e: unknown) => {
        throw isUniqueViolation(e) ? AppError.versionConflict() : e;
      });
    } else {
      const res = await em
        .createQueryBuilder()
        .update(PassPolicy)
        .set({ ...cols, version: () => 'version + 1' })
        .where('community_id = :communityId AND version = :v', { communityId, v: dto.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
    }
    return {
      communityId,
      workHours: JSON.parse(cols.workHoursJson) as WorkHours,
      visitorMaxDays: dto.visitorMaxDays,
      visitorMaxEntries: dto.visitorMaxEntries,
      tenantMaxVisitorPasses: dto.tenantMaxVisitorPasses,
      version: dto.version + 1,
      isDefault: false,
    };
  }
}
