import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { BindingStatus, OwnerConsent, Relation } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

@Entity('room_bindings')
@Index('ix_room_bindings_queue', ['communityId', 'status', 'id'])
@Index('ix_room_bindings_user', ['userId', 'status'])
@Index('ix_room_bindings_room', ['roomId', 'status'])
export class RoomBinding {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) relation: Relation;
  @Column({ type: 'varchar', length: 16 }) status: BindingStatus;
  /** the name the resident gave when applying */
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ name: 'verified_by', type: 'varchar', length: 16, nullable: true }) verifiedBy: 'phone_match' | 'staff' | 'owner_consent' | null;
  /** tenants: the room's owner in the app was asked (null: nobody to ask) */
  @Column({ name: 'owner_consent', type: 'varchar', length: 16, nullable: true }) ownerConsent: OwnerConsent | null;
  @Column({ name: 'owner_consent_by', type: 'int', nullable: true }) ownerConsentBy: number | null;
  @DateTimeColumn({ name: 'owner_consent_at', nullable: true }) ownerConsentAt: Date | null;
  @Column({ name: 'reject_reason', type: 'varchar', length: 200, nullable: true }) rejectReason: string | null;
  @Column({ name: 'decided_by', type: 'int', nullable: true }) decidedBy: number | null;
  @DateTimeColumn({ name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @VersionColumn() version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
}
