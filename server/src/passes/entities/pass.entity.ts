import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PassKind, PassStatus } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

/** One credential a guard verifies: a visitor's, a resident's own, a decoration worker's, a parking pass, a large-item release. */
@Entity('passes')
@Index('uq_passes_link_token', ['linkToken'], { unique: true })
@Index('ix_passes_room', ['roomId', 'kind', 'status'])
@Index('ix_passes_queue', ['communityId', 'status', 'kind'])
@Index('ix_passes_plate', ['communityId', 'plate'])
@Index('ix_passes_permit', ['permitId'])
@Index('ix_passes_expiry', ['status', 'validUntil'])
export class Pass {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ type: 'varchar', length: 16 }) kind: PassKind;
  @Column({ type: 'varchar', length: 16 }) status: PassStatus;
  @Column({ name: 'holder_name', type: 'varchar', length: 50 }) holderName: string;
  @Column({ name: 'holder_phone', type: 'varchar', length: 20, nullable: true }) holderPhone: string | null;
  @Column({ name: 'holder_user_id', type: 'int', nullable: true }) holderUserId: number | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) plate: string | null;
  @DateTimeColumn({ name: 'valid_from' }) validFrom: Date;
  @DateTimeColumn({ name: 'valid_until' }) validUntil: Date;
  @Column({ name: 'entries_total', type: 'int', nullable: true }) entriesTotal: number | null;
  @Column({ name: 'entries_used', type: 'int', default: 0 }) entriesUsed: number;
  @Column({ name: 'link_token', type: 'varchar', length: 48, nullable: true }) linkToken: string | null;
  @Column({ name: 'permit_id', type: 'int', nullable: true }) permitId: number | null;
  @Column({ name: 'bill_line_id', type: 'int', nullable: true }) billLineId: number | null;
  @Column({ name: 'details_json', type: 'text', nullable: true }) detailsJson: string | null;
  @Column({ name: 'review_note', type: 'varchar', length: 200, nullable: true }) reviewNote: string | null;
  @Column({ name: 'reviewed_by', type: 'int', nullable: true }) reviewedBy: number | null;
  @DateTimeColumn({ name: 'issued_at', nullable: true }) issuedAt: Date | null;
  @DateTimeColumn({ name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_by', type: 'int', nullable: true }) revokedBy: number | null;
  @Column({ name: 'revoke_reason', type: 'varchar', length: 200, nullable: true }) revokeReason: string | null;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}
