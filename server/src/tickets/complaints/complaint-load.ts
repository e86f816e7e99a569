import { EntityManager } from 'typeorm';
import { ComplaintAction, ComplaintCategory, ComplaintKind, ComplaintSnapshot, ComplaintStatus } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Scope } from '../../common/scope';
import { Community } from '../../org/entities/community.entity';
import { Company } from '../../org/entities/company.entity';
import { Room } from '../../org/entities/room.entity';
import { User } from '../../auth/entities/user.entity';
import { SlaClock } from '../../sla/entities/clock.entity';
import { Upload } from '../../storage/upload.entity';
import { TicketEvent } from '../entities/ticket-event.entity';
import { TicketReply } from '../entities/ticket-reply.entity';
import { Ticket } from '../entities/ticket.entity';
import { ComplaintRecord } from './entities/complaint-record.entity';
import { calendarStampColumns, calendarStampOf } from '../../sla/calendar.service';
import { canSee, KINDS, RECORD_ACTION } from './complaint-rules';

/** Everything a complaint's detail and its actions need, read in ONE statement (children as JSON arrays). */
export type LoadedComplaint = {
  t: Ticket;
  communityName: string;
  companyName: string;
  roomLabel: string | null;
  /** user id → name: owner, coordinator, taker, back-filler, the caller, and every author / actor loaded */
  names: Map<number, string>;
  clocks: SlaClock[];
  events: TicketEvent[];
  replies: TicketReply[];
  records: ComplaintRecord[];
  uploads: Upload[];
  /** the company's working-calendar stamp (calendarStampOf), read with the rest */
  calendarStamp: string;
};

/** A datetime as either driver returns it inside JSON (`YYYY-MM-DD HH:MM:SS.mmm`, UTC) or as a value. */
export function utc(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
type Obj = Record<string, unknown>;
const rows = (v: unknown): Obj[] => ((v === null || v === undefined ? [] : json(v)) as Obj[]).sort((a, b) => Number(a.id) - Number(b.id));

/**
 * The child-row subqueries: `agg` is the dialect's JSON array aggregate (MariaDB's is bounded by group_concat_max_len,
 * 1 MB by default: a notice's printable html stays out — the print route reads it — so a thread would need thousands of
 * replies to reach it).
 */
function children(agg: string) {
  const obj = (cols: string) => `${agg}(JSON_OBJECT(${cols}))`;
  return {
    clocks_json: `(SELECT ${obj(`'id', k.id, 'name', k.name, 'state', k.state, 'startedAt', k.started_at, 'dueAt', k.due_at, 'metAt', k.met_at, 'pausedAt', k.paused_at, 'pausedMs', k.paused_ms, 'breached', k.breached, 'escalationLevel', k.escalation_level`)} FROM clocks k WHERE k.subject_type = 'ticket' AND k.subject_id = t.id)`,
    events_json: `(SELECT ${obj(`'id', e.id, 'type', e.type, 'actorId', e.actor_id, 'actorRole', e.actor_role, 'payload', e.payload, 'at', e.at, 'name', u.name`)} FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.ticket_id = t.id)`,
    replies_json: `(SELECT ${obj(`'id', r.id, 'authorId', r.author_id, 'authorRole', r.author_role, 'body', r.body, 'written', r.written, 'attachmentIds', r.attachment_ids, 'at', r.at, 'name', u.name`)} FROM ticket_replies r LEFT JOIN users u ON u.id = r.author_id WHERE r.ticket_id = t.id)`,
    records_json: `(SELECT ${obj(`'id', c.id, 'type', c.type, 'payload', JSON_REMOVE(c.payload, '$.html'), 'createdBy', c.created_by, 'at', c.at, 'name', u.name`)} FROM complaint_records c LEFT JOIN users u ON u.id = c.created_by WHERE c.ticket_id = t.id)`,
    uploads_json: `(SELECT ${obj(`'id', p.id, 'mime', p.mime, 'size', p.size, 'purpose', p.purpose`)} FROM uploads p WHERE p.subject_type = 'ticket' AND p.subject_id = t.id)`,
  };
}

/**
 * The ticket (404 unless the caller may see it) with its community, company, room and people's names joined and its
 * clocks, timeline, thread, records and uploads aggregated as JSON: one round trip for a detail or an action.
 */
export async function loadComplaint(em: EntityManager, scope: Scope, id: number): Promise<LoadedComplaint> {
  const l = await loadComplaintRow(em, scope.companyId, id, scope.caller.userId);
  if (!l || !canSee(scope, l.t)) throw AppError.notFound('工单');
  return l;
}

/** The same, unchecked: `me` is the acting user whose name comes with it (null for the system). */
export async function loadComplaintRow(em: EntityManager, companyId: number, id: number, me: number | null): Promise<LoadedComplaint | null> {
  const mysql = em.connection.options.type === 'mysql';
  const qb = em
    .createQueryBuilder(Ticket, 't')
    .leftJoin(Community, 'cm', 'cm.id = t.communityId')
    .leftJoin(Company, 'co', 'co.id = t.companyId')
    .leftJoin(Room, 'rm', 'rm.id = t.roomId')
    .leftJoin(User, 'ow', 'ow.id = t.ownerId')
    .leftJoin(User, 'cd', 'cd.id = t.coordinatorId')
    .leftJoin(User, 'rb', 'rb.id = t.receivedBy')
    .leftJoin(User, 'bf', 'bf.id = t.backfilledBy')
    .leftJoin(User, 'me', 'me.id = :me', { me: me ?? 0 })
    .addSelect(['cm.name AS community_name', 'co.name AS company_name', 'rm.label AS room_label'])
    .addSelect(['ow.name AS owner_name', 'cd.name AS coordinator_name', 'rb.name AS taker_name', 'bf.name AS backfiller_name', 'me.name AS me_name']);
  qb.addSelect(calendarStampColumns('t.company_id'));
  for (const [alias, sql] of Object.entries(children(mysql ? 'JSON_ARRAYAGG' : 'json_group_array'))) qb.addSelect(sql, alias);
  const { entities, raw } = await qb
    .where('t.id = :id AND t.companyId = :cid AND t.kind IN (:...kinds)', { id, cid: companyId, kinds: KINDS })
    .getRawAndEntities();
  const t = entities[0];
  return t ? fromRaw(t, raw[0] as Obj, me) : null;
}

function fromRaw(t: Ticket, r: Obj, me: number | null): LoadedComplaint {
  const names = new Map<number, string>();
  const name = (id: unknown, n: unknown) => {
    if (id !== null && id !== undefined && typeof n === 'string') names.set(Number(id), n);
  };
  name(t.ownerId, r.owner_name);
  name(t.coordinatorId, r.coordinator_name);
  name(t.receivedBy, r.taker_name);
  name(t.backfilledBy, r.backfiller_name);
  name(me, r.me_name);
  const clocks = rows(r.clocks_json).map((c) =>
    Object.assign(new SlaClock(), {
      ...c,
      companyId: t.companyId,
      communityId: t.communityId,
      subjectType: 'ticket',
      subjectId: t.id,
      startedAt: utc(c.startedAt),
      dueAt: utc(c.dueAt),
      metAt: utc(c.metAt),
      pausedAt: utc(c.pausedAt),
      pausedMs: Number(c.pausedMs),
      breached: !!Number(c.breached),
    }),
  );
  const events = rows(r.events_json).map((e) => {
    name(e.actorId, e.name);
    const { name: _n, ...rest } = e;
    return Object.assign(new TicketEvent(), { ...rest, ticketId: t.id, payload: json(e.payload), at: utc(e.at) });
  });
  const stored = rows(r.replies_json).map((x) => {
    name(x.authorId, x.name);
    const { name: _n, ...rest } = x;
    return Object.assign(new TicketReply(), {
      ...rest,
      ticketId: t.id,
      written: !!Number(x.written),
      attachmentIds: json(x.attachmentIds) ?? [],
      at: utc(x.at),
    });
  });
  const replies = [...acknowledgementOf(t.id, events), ...stored];
  const records = rows(r.records_json).map((x) => {
    name(x.createdBy, x.name);
    const { name: _n, ...rest } = x;
    return Object.assign(new ComplaintRecord(), { ...rest, ticketId: t.id, payload: json(x.payload), at: utc(x.at) });
  });
  const uploads = rows(r.uploads_json).map((u) => Object.assign(new Upload(), { ...u, size: Number(u.size) }));
  return {
    t,
    communityName: (r.community_name as string | null) ?? '',
    companyName: (r.company_name as string | null) ?? '',
    roomLabel: (r.room_label as string | null) ?? null,
    names,
    clocks,
    events,
    replies,
    records,
    uploads,
    calendarStamp: calendarStampOf(r),
  };
}

/**
 * The intake acknowledgement (受理回执) opens the thread. It is not a row of its own: its text is in the created
 * event's payload (`ack`), which saves the intake one INSERT. Tickets filed before that have it as a stored reply.
 */
export function acknowledgementOf(ticketId: number, events: TicketEvent[]): TicketReply[] {
  const created = events.find((e) => e.type === 'created');
  const body = created?.payload?.ack;
  if (typeof body !== 'string') return [];
  return [
    Object.assign(new TicketReply(), { id: 0, ticketId, authorId: null, authorRole: 'system', body, written: false, attachmentIds: [], at: created!.at }),
  ];
}

/** The class duties done so far (records) and whether staff have replied — what the machine checks before resolving. */
export function snapshotOf(l: Pick<LoadedComplaint, 't' | 'records' | 'replies'>): ComplaintSnapshot {
  const done = new Set<ComplaintAction>(l.records.map((r) => RECORD_ACTION[r.type]));
  if (l.replies.some((r) => r.authorId !== null && r.authorRole !== 'resident')) done.add('reply');
  const t = l.t;
  return {
    kind: t.kind as ComplaintKind,
    status: t.status as ComplaintStatus,
    complaintClass: t.complaintClass,
    category: t.category as ComplaintCategory,
    done: [...done],
    rated: t.rating !== null,
  };
}
