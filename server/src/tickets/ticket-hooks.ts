import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Ticket } from './entities/ticket.entity';
import { TicketEvent } from './entities/ticket-event.entity';

/**
 * Called inside the transaction of every ticket change, after its timeline event is written. Notifications
 * ([notify]) hook in here to enqueue outbox rows atomically with the change; until then it does nothing.
 */
@Injectable()
export class TicketHooks {
  async afterEvent(_em: EntityManager, _ticket: Ticket, _event: TicketEvent): Promise<void> {}
}
