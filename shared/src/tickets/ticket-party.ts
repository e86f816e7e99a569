import { ANONYMOUS_NAME } from '../api/complaints';
import { maskPhone } from '../phone';

/**
 * Who is told who filed a ticket (name, room, phone):
 * - `chain` — the reporter themself and, for an anonymous complaint, its handling chain (owner, coordinator, the
 *   community's supervisors and managers), in the access-checked views: everything, the phone in full;
 * - `staff` — every other staff member in a view: an anonymous reporter is 匿名 (no room, no phone, and their own
 *   identifiers are taken out of the free text); anyone else's phone masked;
 * - `notice` — every text rendered once and sent, exported or printed: notifications (inbox, WeChat, WeCom), the
 *   daily digest, reports, CSV exports, printed notices. They may be read on a lock screen or in a group the accused
 *   is in, so an anonymous reporter's name, room and phone never appear, whoever the recipient; nobody's phone does.
 */
export type PartyAudience = 'chain' | 'staff' | 'notice';

export interface PartySource {
  anonymous: boolean;
  roomId: number | null;
  /** the room label, or the community (and place) of a community-wide matter */
  location: string | null;
  contactName: string | null;
  contactPhone: string | null;
  /** shown where an anonymous reporter's room would have been */
  communityName?: string | null;
  /** the room's label when `location` may not be it (a hotline intake) */
  roomLabel?: string | null;
}

export interface TicketParty {
  /** the reporter is 匿名 for this audience */
  hidden: boolean;
  name: string | null;
  phone: string | null;
  roomId: number | null;
  location: string;
  /** free text of the ticket (description, thread, timeline, measures) as this audience may read it */
  text(s: string | null | undefined): string;
}

/** The one rule for a ticket's "who / where", per audience. */
export function describeTicketParty(t: PartySource, audience: PartyAudience): TicketParty {
  const hidden = t.anonymous && audience !== 'chain';
  const location = t.location ?? '';
  if (!hidden)
    return {
      hidden,
      name: t.contactName,
      phone: audience === 'chain' ? t.contactPhone : audience === 'staff' ? maskPhone(t.contactPhone) : null,
      roomId: t.roomId,
      location,
      text: (s) => s ?? '',
    };
  const own = {
    names: [t.contactName],
    labels: t.roomId !== null ? [t.roomLabel, location] : [t.roomLabel],
    phones: [t.contactPhone],
  };
  const text = (s: string | null | undefined) => scrubIdentifiers(s ?? '', own);
  return {
    hidden,
    name: ANONYMOUS_NAME,
    phone: null,
    roomId: null,
    location: t.roomId !== null ? t.communityName || ANONYMOUS_NAME : text(location),
    text,
  };
}

export interface Identifiers {
  names?: (string | null | undefined)[];
  labels?: (string | null | undefined)[];
  phones?: (string | null | undefined)[];
}

const longestFirst = (xs: (string | null | undefined)[] | undefined, min: number) =>
  [...new Set((xs ?? []).map((x) => x?.trim() ?? '').filter((x) => x.length >= min))].sort((a, b) => b.length - a.length);

/**
 * Takes what would identify a resident out of free text: the given room labels, phone numbers (full and masked) and
 * names, then anything shaped like a mobile or landline number, a masked number or a room ("3栋2单元1201", "1-2-301",
 * "1201室").
 */
export function scrubIdentifiers(s: string, ids: Identifiers = {}): string {
  let out = s;
  for (const l of longestFirst(ids.labels, 2)) out = out.split(l).join('某房屋');
  for (const p of longestFirst(ids.phones, 7)) {
    for (const form of [p, maskPhone(p)!]) out = out.split(form).join('***');
  }
  out = out
    .replace(/1[3-9]\d{9}/g, '***')
    .replace(/1[3-9]\d\*{4}\d{4}/g, '***')
    .replace(/0\d{2,3}-?\d{7,8}/g, '***')
    .replace(/\d+\s*(?:栋|幢|座|号楼)(?:\s*\d+\s*单元)?(?:\s*\d{2,4}\s*(?:室|号|房)?)?/g, '某处')
    .replace(/\d+\s*单元\s*\d{2,4}\s*(?:室|号|房)?/g, '某处')
    .replace(/\b\d{1,2}-\d{1,2}-\d{3,4}\b/g, '某处')
    .replace(/\d{3,4}\s*(?:室|房)/g, '某室');
  for (const n of longestFirst(ids.names, 2)) out = out.split(n).join('某住户');
  return out;
}
