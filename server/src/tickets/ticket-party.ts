import { EntityManager } from 'typeorm';
import { describeTicketParty, PartyAudience, TicketParty } from '@linli/shared';
import type { Ticket } from './entities/ticket.entity';

/**
 * A ticket's "who / where" for an audience — the shared rule (`describeTicketParty`), with the community's name and
 * the room's label loaded only when the reporter is hidden from that audience. Every output of a ticket's reporter
 * (views, notifications, reports, printed notices) goes through here or the shared rule.
 */
export async function ticketParty(em: EntityManager, t: Ticket, audience: PartyAudience): Promise<TicketParty> {
  if (!t.anonymous || audience === 'chain') return describeTicketParty(t, audience);
  const [c]: { name: string }[] = await em.query('SELECT name FROM communities WHERE id = ?', [t.communityId]);
  const [r]: { label: string }[] = t.roomId !== null ? await em.query('SELECT label FROM rooms WHERE id = ?', [t.roomId]) : [];
  return describeTicketParty({ ...t, communityName: c?.name ?? null, roomLabel: r?.label ?? null }, audience);
}
