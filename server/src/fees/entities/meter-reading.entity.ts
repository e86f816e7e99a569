import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MeterReadingStatus } from '@linli/shared';
import { DateTimeColumn, numberTransformer } from '../../database/columns';

const e2 = (name: string, nullable = false) => Column({ name, type: 'bigint', nullable, transformer: numberTransformer });

/** A room's meter reading for a metered fee item and period (× 100); usage computed when entered. */
@Entity('meter_readings')
@Index('uq_meter_readings_room_item_period', ['roomId', 'feeItemId', 'period'], { unique: true })
@Index('ix_meter_readings_item_period_status', ['feeItemId', 'period', 'status'])
@Index('ix_meter_readings_community_status', ['communityId', 'status'])
export class MeterReading {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ name: 'fee_item_id', type: 'int' }) feeItemId: number;
  @Column({ type: 'varchar', length: 8 }) period: string;
  @e2('reading_e2') readingE2: number;
  /** null: the meter's first reading */
  @e2('previous_e2', true) previousE2: number | null;
  @e2('usage_e2') usageE2: number;
  @Column({ type: 'boolean', default: false }) replaced: boolean;
  @e2('old_final_e2', true) oldFinalE2: number | null;
  @e2('new_start_e2', true) newStartE2: number | null;
  @Column({ type: 'varchar', length: 16 }) status: MeterReadingStatus;
  @Column({ name: 'hold_reason', type: 'varchar', length: 200, nullable: true }) holdReason: string | null;
  /** null only for seeded demo readings */
  @Column({ name: 'entered_by', type: 'int', nullable: true }) enteredBy: number | null;
  @Column({ name: 'reviewed_by', type: 'int', nullable: true }) reviewedBy: number | null;
  @DateTimeColumn({ name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'bill_line_id', type: 'int', nullable: true }) billLineId: number | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
