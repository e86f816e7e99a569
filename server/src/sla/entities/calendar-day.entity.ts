import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDayKind } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

/** A company's override of one date in its working calendar: a day off (holiday) or a make-up working day (调休). */
@Entity('calendar_days')
@Index('uq_calendar_days_company_date', ['companyId', 'date'], { unique: true })
export class CalendarDay {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  /** local Asia/Shanghai date, YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 }) date: string;
  @Column({ type: 'varchar', length: 8 }) kind: CalendarDayKind;
  @Column({ type: 'varchar', length: 50, nullable: true }) name: string | null;
}

/**
 * The years a company has entered itself (possibly with no overrides at all). Years without a row use the seeded
 * official arrangement (holidays-cn.ts), or weekends plus the fixed-date statutory days when there is none.
 */
@Entity('calendar_years')
@Index('uq_calendar_years_company_year', ['companyId', 'year'], { unique: true })
export class CalendarYear {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ type: 'int' }) year: number;
  @Column({ name: 'updated_by', type: 'int', nullable: true }) updatedBy: number | null;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
