import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotifyEvents } from '../notify/notify-events';
import { Ticket } from './entities/ticket.entity';
import { TicketEvent } from './entities/ticket-event.entity';

/**
 * Called inside the transaction of every ticket change, after its timeline events are written: notifications
 * ([notify]) get one `notify_events` row per event (one INSERT), committed or rolled back with the change; the
 * delivery worker fans them out to inbox and outbox rows after the commit.
 */
@Injectable()
export class TicketHooks {
  constructor(private readonly notifyEvents: NotifyEvents) {}

  async afterEvent(em: EntityManager, ticket: Ticket, event: TicketEvent): Promise<void> {
    await this.notifyEvents.addTicketEvents(em, ticket, [event]);
  }

  /** Several events of one change (a multi-row timeline insert): still one INSERT. */
  async afterEvents(em: EntityManager, ticket: Ticket, events: TicketEvent[]): Promise<void> {
    await this.notifyEvents.addTicketEvents(em, ticket, events);
  }
}
