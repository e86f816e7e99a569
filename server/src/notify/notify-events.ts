import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Ticket } from '../tickets/entities/ticket.entity';
import type { TicketEvent } from '../tickets/entities/ticket-event.entity';
import { EventKick } from './event-kick';
import { NotifyEvent } from './notify-event.entity';
import { ticketSnapshot } from './ticket-snapshot';

/**
 * The request side of the fan-out: a ticket change records its timeline events as `notify_events` rows with ONE
 * INSERT in its own transaction (no recipients computed, no read-back). They commit or roll back with the change;
 * the delivery worker expands them after the commit (EventExpander), and the commit kicks it (EventKick).
 */
@Injectable()
export class NotifyEvents {
  constructor(private readonly kick: EventKick) {}

  async addTicketEvents(em: EntityManager, t: Ticket, events: TicketEvent[]): Promise<void> {
    if (!events.length) return;
    const ticket = ticketSnapshot(em, t);
    const rows = events.map((e) => ({
      dedupeKey: `ticket:${t.id}:event:${e.id}`,
      kind: 'ticket_event' as const,
      companyId: t.companyId,
      payload: { ticketId: t.id, eventId: e.id, ticket },
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: e.at,
      lastError: null,
      createdAt: e.at,
      doneAt: null,
    }));
    await em
      .createQueryBuilder()
      .insert()
      .into(NotifyEvent)
      .values(rows as never)
      .updateEntity(false)
      .execute();
    this.kick.afterCommit(em);
  }
}
