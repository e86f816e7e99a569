import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FeeKind, FeePayer, PeriodUnit, PriceTier } from '@linli/shared';
import { DateTimeColumn, JsonColumn } from '../../database/columns';

/** A community's fee item (收费项目); amounts follow shared/src/fees (prices 元 × 10⁴, cents). */
@Entity('fee_items')
@Index('uq_fee_items_community_name', ['communityId', 'name'], { unique: true })
export class FeeItem {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 16 }) kind: FeeKind;
  @Column({ type: 'varchar', length: 16 }) payer: FeePayer;
  @Column({ name: 'period_unit', type: 'varchar', length: 16, nullable: true }) periodUnit: PeriodUnit | null;
  @Column({ name: 'price_e4', type: 'int', nullable: true }) priceE4: number | null;
  @JsonColumn({ nullable: true }) tiers: PriceTier[] | null;
  @Column({ name: 'meter_unit', type: 'varchar', length: 8, nullable: true }) meterUnit: string | null;
  @Column({ name: 'amount_cents', type: 'bigint', nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  amountCents: number | null;
  @Column({ name: 'due_day', type: 'int' }) dueDay: number;
  @Column({ name: 'late_fee_rate_ppm', type: 'int' }) lateFeeRatePpm: number;
  @Column({ name: 'late_fee_grace_days', type: 'int' }) lateFeeGraceDays: number;
  @Column({ name: 'late_fee_cap_percent', type: 'int', nullable: true }) lateFeeCapPercent: number | null;
  @Column({ name: 'service_content', type: 'varchar', length: 500 }) serviceContent: string;
  /** e.g. 一级服务标准 */
  @Column({ name: 'standard_name', type: 'varchar', length: 100, nullable: true }) standardName: string | null;
  /** 收费依据: the approval document or contract */
  @Column({ name: 'legal_basis', type: 'varchar', length: 200, nullable: true }) legalBasis: string | null;
  @Column({ name: 'starts_on', type: 'varchar', length: 10 }) startsOn: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'updated_by', type: 'int', nullable: true }) updatedBy: number | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
