import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** Every verification a guard makes, green or red, and every entry recorded by hand while offline. */
@Entity('pass_scans')
@Index('ix_pass_scans_community', ['communityId', 'scannedAt'])
@Index('ix_pass_scans_pass', ['passId', 'scannedAt'])
@Index('ix_pass_scans_guard', ['guardId', 'scannedAt'])
@Index('uq_pass_scans_client_ref', ['guardId', 'clientRef'], { unique: true })
export class PassScan {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  /** null when the code named no pass we know */
  @Column({ name: 'community_id', type: 'int', nullable: true }) communityId: number | null;
  @Column({ name: 'pass_id', type: 'int', nullable: true }) passId: number | null;
  @Column({ name: 'guard_id', type: 'int' }) guardId: number;
  @Column({ type: 'varchar', length: 32, nullable: true }) gate: string | null;
  @Column({ type: 'varchar', length: 4 }) direction: 'in' | 'out';
  @Column({ type: 'varchar', length: 8 }) result: 'green' | 'red';
  @Column({ type: 'varchar', length: 24, nullable: true }) reason: string | null;
  @Column({ type: 'boolean', default: false }) manual: boolean;
  @Column({ name: 'manual_note', type: 'text', nullable: true }) manualNote: string | null;
  @Column({ name: 'client_ref', type: 'varchar', length: 64, nullable: true }) clientRef: string | null;
  @DateTimeColumn({ name: 'client_at', nullable: true }) clientAt: Date | null;
  @DateTimeColumn({ name: 'scanned_at' }) scannedAt: Date;
}
