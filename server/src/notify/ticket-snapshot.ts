import { EntityManager } from 'typeorm';
import { Ticket } from '../tickets/entities/ticket.entity';

/**
 * The ticket's columns as the change saw them: a later change may already have moved the row (another technician,
 * a new tier) by the time the event is expanded, and the message must tell what happened at this event.
 */
export function ticketSnapshot(em: EntityManager, t: Ticket): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of em.connection.getMetadata(Ticket).columns) {
    const v = (t as unknown as Record<string, unknown>)[c.propertyName];
    if (v !== undefined) out[c.propertyName] = v;
  }
  return out;
}

/** Puts the snapshot over the ticket as loaded now (dates come back from JSON as ISO strings). */
export function applySnapshot(em: EntityManager, t: Ticket, snap: Record<string, unknown>): Ticket {
  for (const c of em.connection.getMetadata(Ticket).columns) {
    if (!(c.propertyName in snap)) continue;
    const v = snap[c.propertyName];
    (t as unknown as Record<string, unknown>)[c.propertyName] = c.type === 'datetime' && typeof v === 'string' ? new Date(v) : v;
  }
  return t;
}
