import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Channel, Emergency, HoldReason, RepairCategory, RepairStatus, RepairTier } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

/**
 * The ticket core shared by repairs and (later) complaints: one row per request, whatever the channel.
 * Kind-specific rules live in their policy (repairs/); columns that only one kind uses are nullable.
 */
@Entity('tickets')
@Index('uq_tickets_community_no', ['communityId', 'no'], { unique: true })
@Index('ix_tickets_inbox', ['communityId', 'kind', 'isOpen', 'tierRank', 'slaDueAt', 'id'])
@Index('ix_tickets_reporter', ['reporterId', 'kind', 'id'])
@Index('ix_tickets_room', ['roomId', 'kind', 'id'])
@Index('ix_tickets_assignee', ['assigneeId', 'isOpen', 'id'])
export class Ticket {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int', nullable: true }) roomId: number | null;
  @Column({ type: 'varchar', length: 16 }) kind: 'repair';
  @Column({ type: 'varchar', length: 32 }) no: string;
  @Column({ type: 'varchar', length: 32 }) category: RepairCategory;
  @Column({ type: 'varchar', length: 32, nullable: true }) emergency: Emergency | null;
  @Column({ type: 'varchar', length: 16 }) status: RepairStatus;
  @Column({ name: 'is_open', type: 'boolean', default: true }) isOpen: boolean;
  @Column({ type: 'varchar', length: 16, nullable: true }) tier: RepairTier | null;
  /** 0 emergency, 1 critical, 2 urgent, 3 normal, 9 not yet tiered — the inbox sorts on it */
  @Column({ name: 'tier_rank', type: 'int' }) tierRank: number;
  /** due time of the earliest running clock, kept in step with the clocks so the inbox needs no join */
  @DateTimeColumn({ name: 'sla_due_at', nullable: true }) slaDueAt: Date | null;
  @Column({ type: 'boolean', default: false }) breached: boolean;
  @Column({ type: 'varchar', length: 1000 }) description: string;
  @Column({ type: 'varchar', length: 200 }) location: string;
  @Column({ name: 'contact_name', type: 'varchar', length: 50, nullable: true }) contactName: string | null;
  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true }) contactPhone: string | null;
  @DateTimeColumn({ name: 'preferred_from', nullable: true }) preferredFrom: Date | null;
  @DateTimeColumn({ name: 'preferred_to', nullable: true }) preferredTo: Date | null;
  @Column({ type: 'varchar', length: 16 }) channel: Channel;
  @Column({ name: 'reporter_id', type: 'int', nullable: true }) reporterId: number | null;
  /** 首问负责: the staff member who received it owns it until an explicit hand-over */
  @Column({ name: 'owner_id', type: 'int', nullable: true }) ownerId: number | null;
  @Column({ name: 'assignee_id', type: 'int', nullable: true }) assigneeId: number | null;
  @DateTimeColumn({ name: 'received_at' }) receivedAt: Date;
  @DateTimeColumn({ name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @DateTimeColumn({ name: 'agreed_visit_at', nullable: true }) agreedVisitAt: Date | null;
  @Column({ name: 'held_from', type: 'varchar', length: 16, nullable: true }) heldFrom: RepairStatus | null;
  @Column({ name: 'hold_reason', type: 'varchar', length: 16, nullable: true }) holdReason: HoldReason | null;
  @DateTimeColumn({ name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true }) cancelReason: string | null;
  @Column({ name: 'free_of_charge', type: 'boolean', nullable: true }) freeOfCharge: boolean | null;
  @Column({ name: 'charge_total_cents', type: 'int', default: 0 }) chargeTotalCents: number;
  @DateTimeColumn({ name: 'last_urged_at', nullable: true }) lastUrgedAt: Date | null;
  @Column({ type: 'int', nullable: true }) rating: number | null;
  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true }) ratingComment: string | null;
  @Column({ name: 'return_visit_satisfied', type: 'boolean', nullable: true }) returnVisitSatisfied: boolean | null;
  @Column({ name: 'return_visit_notes', type: 'varchar', length: 500, nullable: true }) returnVisitNotes: string | null;
  @DateTimeColumn({ name: 'return_visit_at', nullable: true }) returnVisitAt: Date | null;
  @VersionColumn() version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
