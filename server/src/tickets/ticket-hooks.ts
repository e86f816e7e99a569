import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TicketNotifications } from '../notify/ticket-events';
import { Ticket } from './entities/ticket.entity';
import { TicketEvent } from './entities/ticket-event.entity';

/**
 * Called inside the transaction of every ticket change, after its timeline event is written: notifications
 * ([notify]) are enqueued here (outbox + inbox rows), so they commit or roll back with the change.
 */
@Injectable()
export class TicketHooks {
  constructor(private readonly notifications: TicketNotifications) {}

  async afterEvent(em: EntityManager, ticket: Ticket, event: TicketEvent): Promise<void> {
    await this.notifications.afterEvent(em, ticket, event);
  }
}
