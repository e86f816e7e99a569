import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../database/columns';

export type NotifyEventStatus = 'pending' | 'done' | 'failed';

/** kind 'ticket_event': the ticket's notification-relevant columns as the change saw them (dates as ISO strings) */
export interface TicketEventPayload {
  ticketId: number;
  eventId: number;
  ticket: Record<string, unknown>;
}

/**
 * A cause of notifications, written with ONE insert in the transaction of the change (so it commits or rolls back
 * with it) and expanded after the commit by the delivery worker (EventExpander) into inbox and outbox rows.
 */
@Entity('notify_events')
@Index('uq_notify_events_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_notify_events_due', ['status', 'nextAttemptAt'])
export class NotifyEvent {
  @PrimaryGeneratedColumn() id: number;
  /** ticket:<id>:event:<eventId> */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 }) dedupeKey: string;
  @Column({ type: 'varchar', length: 32 }) kind: 'ticket_event';
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @JsonColumn() payload: TicketEventPayload;
  @Column({ type: 'varchar', length: 16 }) status: NotifyEventStatus;
  @Column({ type: 'int' }) attempts: number;
  @DateTimeColumn({ name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'done_at', nullable: true }) doneAt: Date | null;
}
