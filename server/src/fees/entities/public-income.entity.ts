import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PublicIncomeRowInput, PublicIncomeStatus } from '@linli/shared';
import { CentsColumn, DateTimeColumn, JsonColumn } from '../../database/columns';

/** 公共收益公示: a community's income from its common parts in a quarter, its use and the balance. */
@Entity('public_incomes')
@Index('uq_public_incomes_quarter', ['communityId', 'quarter'], { unique: true })
@Index('ix_public_incomes_status', ['communityId', 'status'])
export class PublicIncome {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  /** 2026-Q4 */
  @Column({ type: 'varchar', length: 7 }) quarter: string;
  @JsonColumn({ name: 'entries' }) rows: PublicIncomeRowInput[];
  @CentsColumn('income_cents', { default: 0 }) incomeCents: number;
  @CentsColumn('expense_cents', { default: 0 }) expenseCents: number;
  @CentsColumn('balance_cents', { default: 0 }) balanceCents: number;
  @Column({ type: 'varchar', length: 16 }) status: PublicIncomeStatus;
  @DateTimeColumn({ name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'published_by', type: 'int', nullable: true }) publishedBy: number | null;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  @Column({ name: 'updated_by', type: 'int' }) updatedBy: number;
  @Column({ type: 'int', default: 1 }) version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
