import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

@Entity('communities')
@Index('uq_communities_company_code', ['companyId', 'code'], { unique: true })
export class Community {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** short code used in ticket numbers */
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) address: string | null;
  /** 交付日期, YYYY-MM-DD in Asia/Shanghai */
  @Column({ name: 'handover_date', type: 'varchar', length: 10, nullable: true }) handoverDate: string | null;
  /** the 24-hour duty phone residents call in an emergency (mobile or landline) */
  @Column({ name: 'duty_phone', type: 'varchar', length: 32, nullable: true }) dutyPhone: string | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @VersionColumn() version: number;
}
