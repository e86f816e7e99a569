import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** One worker named on a permit: only the masked ID number is stored. */
export interface PermitWorker {
  name: string;
  idMasked: string;
}

/** An owner's decoration application (装修申请); on approval each worker gets a pass (kind worker, permit_id). */
@Entity('decoration_permits')
@Index('ix_decoration_permits_queue', ['communityId', 'status'])
@Index('ix_decoration_permits_room', ['roomId'])
export class DecorationPermit {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ name: 'applicant_id', type: 'int' }) applicantId: number;
  @Column({ name: 'contractor_name', type: 'varchar', length: 60 }) contractorName: string;
  @Column({ name: 'contractor_phone', type: 'varchar', length: 20 }) contractorPhone: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) description: string | null;
  /** YYYY-MM-DD (Asia/Shanghai), inclusive */
  @Column({ name: 'starts_on', type: 'varchar', length: 10 }) startsOn: string;
  @Column({ name: 'ends_on', type: 'varchar', length: 10 }) endsOn: string;
  @Column({ name: 'workers_json', type: 'text' }) workersJson: string;
  /** submitted | approved | returned | cancelled */
  @Column({ type: 'varchar', length: 16 }) status: string;
  @Column({ name: 'review_note', type: 'varchar', length: 200, nullable: true }) reviewNote: string | null;
  @Column({ name: 'reviewed_by', type: 'int', nullable: true }) reviewedBy: number | null;
  @DateTimeColumn({ name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}
