import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type {
  ComplaintCategory,
  ComplaintClass,
  ComplaintStatus,
  Emergency,
  HoldReason,
  RepairCategory,
  RepairStatus,
  RepairTier,
  TicketChannel,
  VisitSide,
} from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';
import type { TicketKind } from '../ticket-kinds';

/**
 * The ticket core shared by repairs and the complaints desk (投诉 / 建议 / 咨询 / 表扬): one row per request,
 * whatever the channel. Kind-specific rules live in their policy (repairs/, complaints/); columns that only one
 * kind uses are nullable or defaulted. Each policy loads only its own kinds, so it may narrow `category` and
 * `status` to its own values.
 */
@Entity('tickets')
@Index('uq_tickets_community_no', ['communityId', 'no'], { unique: true })
@Index('ix_tickets_inbox', ['communityId', 'kind', 'isOpen', 'tierRank', 'slaDueAt', 'id'])
@Index('ix_tickets_reporter', ['reporterId', 'kind', 'id'])
@Index('ix_tickets_room', ['roomId', 'kind', 'id'])
@Index('ix_tickets_assignee', ['assigneeId', 'isOpen', 'id'])
@Index('ix_tickets_complaint_inbox', ['communityId', 'complaintClass', 'isOpen', 'slaDueAt', 'id'])
@Index('ix_tickets_owner', ['ownerId', 'isOpen', 'id'])
export class Ticket {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int', nullable: true }) roomId: number | null;
  @Column({ type: 'varchar', length: 16 }) kind: TicketKind;
  @Column({ type: 'varchar', length: 32 }) no: string;
  @Column({ type: 'varchar', length: 32 }) category: RepairCategory | ComplaintCategory;
  @Column({ type: 'varchar', length: 32, nullable: true }) emergency: Emergency | null;
  @Column({ type: 'varchar', length: 16 }) status: RepairStatus | ComplaintStatus;
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
  @Column({ type: 'varchar', length: 16 }) channel: TicketChannel;
  @Column({ name: 'reporter_id', type: 'int', nullable: true }) reporterId: number | null;
  /** 首问负责: the staff member who received it owns it until an explicit hand-over */
  @Column({ name: 'owner_id', type: 'int', nullable: true }) ownerId: number | null;
  @Column({ name: 'assignee_id', type: 'int', nullable: true }) assigneeId: number | null;
  @DateTimeColumn({ name: 'received_at' }) receivedAt: Date;
  @DateTimeColumn({ name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @DateTimeColumn({ name: 'agreed_visit_at', nullable: true }) agreedVisitAt: Date | null;
  /** repairs: a visit time one side proposed, waiting for the other side's acceptance or counter-proposal */
  @DateTimeColumn({ name: 'proposed_visit_at', nullable: true }) proposedVisitAt: Date | null;
  @Column({ name: 'proposed_by', type: 'varchar', length: 16, nullable: true }) proposedBy: VisitSide | null;
  @Column({ name: 'held_from', type: 'varchar', length: 16, nullable: true }) heldFrom: RepairStatus | null;
  @Column({ name: 'hold_reason', type: 'varchar', length: 16, nullable: true }) holdReason: HoldReason | null;
  /** repairs: completed; complaints desk: resolved (办结) */
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
  // ---- complaints desk (null / false on repairs)
  /** 一类 / 二类 / 三类投诉; null until classified, always null for suggestions, inquiries and praise */
  @Column({ name: 'complaint_class', type: 'int', nullable: true }) complaintClass: ComplaintClass | null;
  /** the resident asked that their name not be shown to the person or team complained about */
  @Column({ type: 'boolean', default: false }) anonymous: boolean;
  @Column({ name: 'written_reply_wanted', type: 'boolean', default: false }) writtenReplyWanted: boolean;
  /** when the written reply was asked for: the receipt, or a later follow-up (the written-reply clock starts here) */
  @DateTimeColumn({ name: 'written_reply_requested_at', nullable: true }) writtenReplyRequestedAt: Date | null;
  /** the desk member who took it (首问负责制): the intake agent, or whoever classified a mini-program ticket; class-1 owner */
  @Column({ name: 'received_by', type: 'int', nullable: true }) receivedBy: number | null;
  /** set when staff recorded a paper ticket later (received_at is then earlier than created_at) */
  @Column({ name: 'backfilled_by', type: 'int', nullable: true }) backfilledBy: number | null;
  /** class 3: the coordinator the manager appointed (acts as owner besides the manager) */
  @Column({ name: 'coordinator_id', type: 'int', nullable: true }) coordinatorId: number | null;
  /** the owner's resolution due date, YYYY-MM-DD Asia/Shanghai (due at its 24:00) */
  @Column({ name: 'resolution_due_date', type: 'varchar', length: 10, nullable: true }) resolutionDueDate: string | null;
  /** the measures taken, recorded when resolving (有应必解，有解必答) */
  @Column({ type: 'text', nullable: true }) measures: string | null;
  @VersionColumn() version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
