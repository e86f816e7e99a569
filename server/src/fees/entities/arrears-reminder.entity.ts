import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** The last 催缴 reminder sent to a building's overdue rooms: at most one per building every 24 h. */
@Entity('arrears_reminders')
@Index('uq_arrears_reminders_building', ['buildingId'], { unique: true })
export class ArrearsReminder {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'building_id', type: 'int' }) buildingId: number;
  @DateTimeColumn({ name: 'last_sent_at', nullable: true }) lastSentAt: Date | null;
  @Column({ name: 'last_sent_by', type: 'int', nullable: true }) lastSentBy: number | null;
  @Column({ type: 'int' }) rooms: number;
  @Column({ type: 'int', default: 1 }) version: number;
}
