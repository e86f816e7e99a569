import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EngageSettingsView, SatisfactionMethod } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { isUniqueViolation } from '../../database/unique-violation';
import { EngageSettingsDto } from './survey.dto';
import { EngageSetting } from './survey.entities';

const FORMULA_TEXT: Record<SatisfactionMethod, string> = {
  top_two_share: '满意度 = (满意 + 较满意) ÷ 有效答卷 × 100%',
  weighted_mean: '满意度 = (满意×100 + 较满意×80 + 一般×60 + 较不满意×40 + 不满意×20) ÷ 有效答卷',
};

/** Each company's choice of satisfaction formula (default: the share of 满意 + 较满意 among valid answers). */
@Injectable()
export class EngageSettingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async method(companyId: number): Promise<SatisfactionMethod> {
    return (await this.get(companyId)).indexFormula;
  }

  async get(companyId: number): Promise<EngageSettingsView> {
    const [r] = (await this.ds.query('SELECT index_formula, version FROM engage_settings WHERE company_id = ?', [companyId])) as Record<string, unknown>[];
    const m = (r?.index_formula as SatisfactionMethod | undefined) ?? 'top_two_share';
    return { indexFormula: m, formulaText: FORMULA_TEXT[m], version: r ? Number(r.version) : 0 };
  }

  async put(c: Caller, dto: EngageSettingsDto): Promise<EngageSettingsView> {
    const cur = await this.get(c.companyId);
    if (dto.version !== undefined && dto.version !== cur.version) throw AppError.versionConflict(cur.version);
    const now = this.clock.now();
    if (cur.version === 0) {
      try {
        await this.ds
          .createQueryBuilder()
          .insert()
          .into(EngageSetting)
          .values({ companyId: c.companyId, indexFormula: dto.indexFormula, updatedBy: c.userId, updatedAt: now, version: 1 })
          .updateEntity(false)
          .execute();
      } catch (e) {
        if (isUniqueViolation(e)) throw AppError.versionConflict();
        throw e;
      }
    } else {
      const res = await this.ds
        .createQueryBuilder()
        .update(EngageSetting)
        .set({ indexFormula: dto.indexFormula, updatedBy: c.userId, updatedAt: now, version: cur.version + 1 })
        .where('company_id = :c AND version = :v', { c: c.companyId, v: cur.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
    }
    return this.get(c.companyId);
  }
}
