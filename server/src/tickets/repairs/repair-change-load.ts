import { EntityManager } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { fromJson, jsonRow, jsonRows } from '../../database/json-rows';
import { Community } from '../../org/entities/community.entity';
import { SlaClock } from '../../sla/entities/clock.entity';
import { Upload } from '../../storage/upload.entity';
import { PriceItem } from '../entities/price-item.entity';
import { TicketCharge } from '../entities/ticket-charge.entity';
import { TicketEvent } from '../entities/ticket-event.entity';
import { Ticket } from '../entities/ticket.entity';

/** Everything the detail view shows, as loaded — or as just written by this request. */
export type Written = {
  ticket: Ticket;
  communityName: string;
  /** the community's 24-hour duty phone */
  dutyPhone: string | null;
  /** visit times (agreed, else proposed) of the technician's other open orders: the pickers skip them */
  technicianBusyAt?: Date[];
  clocks: SlaClock[];
  events: TicketEvent[];
  charges: TicketCharge[];
  uploads: Upload[];
  names: Map<number, string>;
};

/** What a state change may need besides the ticket: asked for only when the action uses it. */
export type ChangeNeeds = { callerId?: number; technicianId?: number; priceItemIds?: number[]; photoIds?: number[] };

/** `Written`, plus what the change asked for: the technician (null: not one of the community's), price items, free photos. */
export type Loaded = Written & { technician?: User | null; priceItems?: PriceItem[]; freePhotos?: Upload[] };

/**
 * ONE statement for a state change: the repair with its community's and owner's / assignee's / caller's names, and
 * its clocks, timeline (with actors' names), photos and charges as JSON columns; the technician, price items and
 * photos the action names, when it names them. Null when there is no such repair in the company.
 */
export async function loadForChange(em: EntityManager, companyId: number, id: number, need: ChangeNeeds = {}): Promise<Loaded | null> {
  const qb = em
    .createQueryBuilder(Ticket, 't')
    .leftJoin(Community, 'c', 'c.id = t.communityId')
    .leftJoin(User, 'o', 'o.id = t.ownerId')
    .leftJoin(User, 'a', 'a.id = t.assigneeId')
    .addSelect(['c.name AS community_name', 'c.duty_phone AS duty_phone', 'o.name AS owner_name', 'a.name AS assignee_name'])
    .addSelect(jsonRows(em, SlaClock, 'k', "FROM clocks k WHERE k.subject_type = 'ticket' AND k.subject_id = t.id"), 'clocks_json')
    .addSelect(
      jsonRows(em, TicketEvent, 'e', 'FROM ticket_events e LEFT JOIN users eu ON eu.id = e.actor_id WHERE e.ticket_id = t.id', { actor_name: 'eu.name' }),
      'events_json',
    )
    .addSelect(jsonRows(em, Upload, 'up', "FROM uploads up WHERE up.subject_type = 'ticket' AND up.subject_id = t.id"), 'uploads_json')
    .addSelect(jsonRows(em, TicketCharge, 'ch', 'FROM ticket_charges ch WHERE ch.ticket_id = t.id'), 'charges_json')
    .where('t.id = :id AND t.companyId = :cid AND t.kind = :kind', { id, cid: companyId, kind: 'repair' });
  // the technician's other visits, for "the next free slot" (indexed by ix_tickets_assignee)
  qb.addSelect(
    `(SELECT GROUP_CONCAT(COALESCE(o.agreed_visit_at, o.proposed_visit_at)) FROM tickets o
       WHERE o.assignee_id = t.assignee_id AND o.is_open = 1 AND o.id <> t.id AND COALESCE(o.agreed_visit_at, o.proposed_visit_at) IS NOT NULL)`,
    'busy_at',
  );
  if (need.callerId !== undefined) qb.addSelect('(SELECT cu.name FROM users cu WHERE cu.id = :me)', 'caller_name').setParameter('me', need.callerId);
  if (need.technicianId !== undefined) {
    const from = `FROM users u WHERE u.id = :tech AND u.company_id = t.company_id AND u.kind = 'staff' AND u.active = 1
      AND EXISTS (SELECT 1 FROM staff_communities sc WHERE sc.user_id = u.id AND sc.community_id = t.community_id)`;
    qb.addSelect(jsonRow(em, User, 'u', from), 'tech_json').setParameter('tech', need.technicianId);
  }
  if (need.priceItemIds?.length) {
    qb.addSelect(jsonRows(em, PriceItem, 'p', 'FROM price_items p WHERE p.id IN (:...items) AND p.company_id = t.company_id AND p.active = 1'), 'items_json');
    qb.setParameter('items', need.priceItemIds);
  }
  if (need.photoIds?.length && need.callerId !== undefined) {
    const from = 'FROM uploads f WHERE f.id IN (:...photos) AND f.uploader_id = :me AND f.company_id = t.company_id AND f.subject_id IS NULL';
    qb.addSelect(jsonRows(em, Upload, 'f', from), 'photos_json').setParameter('photos', [...new Set(need.photoIds)]);
  }
  const { entities, raw } = await qb.getRawAndEntities();
  const ticket = entities[0];
  if (!ticket) return null;
  const r = raw[0] as Record<string, unknown>;
  const byId = <T extends { id: number }>(rows: T[]) => rows.sort((x, y) => x.id - y.id);
  const names = new Map<number, string>();
  const events = byId(fromJson(em, TicketEvent, r.events_json));
  for (const e of events) if (e.actorId && e.extra.actor_name != null) names.set(e.actorId, String(e.extra.actor_name));
  if (ticket.ownerId && r.owner_name != null) names.set(ticket.ownerId, String(r.owner_name));
  if (ticket.assigneeId && r.assignee_name != null) names.set(ticket.assigneeId, String(r.assignee_name));
  if (need.callerId !== undefined && r.caller_name != null) names.set(need.callerId, String(r.caller_name));
  const loaded: Loaded = {
    ticket,
    communityName: String(r.community_name ?? ''),
    dutyPhone: r.duty_phone == null ? null : String(r.duty_phone),
    technicianBusyAt: busyTimes(r.busy_at),
    clocks: byId(fromJson(em, SlaClock, r.clocks_json)),
    events,
    charges: byId(fromJson(em, TicketCharge, r.charges_json)),
    uploads: byId(fromJson(em, Upload, r.uploads_json)),
    names,
  };
  if (need.technicianId !== undefined) loaded.technician = fromJson(em, User, r.tech_json)[0] ?? null;
  if (need.priceItemIds?.length) loaded.priceItems = fromJson(em, PriceItem, r.items_json);
  if (need.photoIds?.length) loaded.freePhotos = byId(fromJson(em, Upload, r.photos_json));
  return loaded;
}

/** GROUP_CONCAT of stored datetimes ("2026-12-03 09:00:00.000", UTC) → instants. */
function busyTimes(v: unknown): Date[] {
  if (v === null || v === undefined || v === '') return [];
  return String(v)
    .split(',')
    .map((s) => new Date(s.trim().replace(' ', 'T').replace(/Z?$/, 'Z')))
    .filter((d) => !Number.isNaN(d.getTime()));
}
