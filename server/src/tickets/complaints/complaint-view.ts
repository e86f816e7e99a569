import {
  allowedComplaintActions,
  ANONYMOUS_NAME,
  ComplaintCategory,
  ComplaintDetail,
  ComplaintKind,
  ComplaintRecordView,
  ComplaintStatus,
  complaintStatusLabel,
  ComplaintSummary,
  describeTicketParty,
  missingStepsBeforeResolve,
  TicketParty,
} from '@linli/shared';
import { Scope } from '../../common/scope';
import { clockView } from '../../sla/clocks.service';
import { SlaClock } from '../../sla/entities/clock.entity';
import { UploadSigner } from '../../storage/storage.service';
import { uploadView } from '../../storage/uploads.controller';
import { Ticket } from '../entities/ticket.entity';
import { eventText } from '../timeline-text';
import { actorsOf, inChain } from './complaint-rules';
import { LoadedComplaint, snapshotOf } from './complaint-load';

/** A list row of what was loaded: no query. */
export function summaryOf(scope: Scope, t: Ticket, communityName: string, clocks: SlaClock[], names: Map<number, string>, now: Date): ComplaintSummary {
  const running = clocks.filter((c) => c.state === 'running').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const next = running[0] ?? clocks.find((c) => c.state === 'paused') ?? null;
  const party = describeTicketParty({ ...t, communityName }, inChain(scope, t) ? 'chain' : 'staff');
  return {
    id: t.id,
    no: t.no,
    kind: t.kind as ComplaintKind,
    category: t.category as ComplaintCategory,
    complaintClass: t.complaintClass,
    status: t.status as ComplaintStatus,
    statusLabel: complaintStatusLabel(t.kind as ComplaintKind, t.status as ComplaintStatus),
    communityId: t.communityId,
    communityName,
    roomId: party.roomId,
    location: party.location,
    description: party.text(t.description),
    channel: t.channel,
    anonymous: t.anonymous,
    writtenReplyWanted: t.writtenReplyWanted,
    ownerId: t.ownerId,
    ownerName: t.ownerId ? (names.get(t.ownerId) ?? null) : null,
    coordinatorId: t.coordinatorId,
    coordinatorName: t.coordinatorId ? (names.get(t.coordinatorId) ?? null) : null,
    backfilled: t.backfilledBy !== null,
    resolutionDueDate: t.resolutionDueDate,
    nextClock: next ? clockView(next, now) : null,
    breached: clocks.some((c) => clockView(c, now).breached),
    receivedAt: t.receivedAt.toISOString(),
    version: t.version,
  };
}

/** A ticket's "who / where" for an audience, from what was loaded (the community's name and room's label joined). */
export function partyOf(l: Pick<LoadedComplaint, 't' | 'communityName' | 'roomLabel'>, audience: 'chain' | 'staff' | 'notice'): TicketParty {
  if (!l.t.anonymous || audience === 'chain') return describeTicketParty(l.t, audience);
  return describeTicketParty({ ...l.t, communityName: l.communityName, roomLabel: l.roomLabel }, audience);
}

/** The detail view of what was loaded (and, after an action, written): no query. */
export function detailOf(scope: Scope, l: LoadedComplaint, now: Date, signer: UploadSigner): ComplaintDetail {
  const { t, names } = l;
  const party = partyOf(l, inChain(scope, t) ? 'chain' : 'staff');
  const { hidden } = party;
  /** free text as this caller may read it: an anonymous reporter's identifiers out for staff outside the chain */
  const said = (s: string | null) => (s === null ? null : party.text(s));
  const saidAll = (p: Record<string, unknown>) =>
    hidden ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? party.text(v) : v])) : p;
  // a resident's own name, as anyone sees it: 匿名 outside the chain when they asked for it
  const personName = (id: number | null, role: string | null) =>
    id === null ? null : role === 'resident' && hidden ? ANONYMOUS_NAME : (names.get(id) ?? null);
  const byId = new Map(l.uploads.map((u) => [u.id, u]));
  const snap = snapshotOf(l);
  return {
    ...summaryOf(scope, t, l.communityName, l.clocks, names, now),
    reporter: { name: party.name, phone: party.phone, roomId: party.roomId, roomLabel: t.roomId && !hidden ? l.roomLabel : null, hidden },
    receivedById: t.receivedBy,
    receivedByName: t.receivedBy ? (names.get(t.receivedBy) ?? null) : null,
    backfilledById: t.backfilledBy,
    backfilledByName: t.backfilledBy ? (names.get(t.backfilledBy) ?? null) : null,
    createdAt: t.createdAt.toISOString(),
    measures: said(t.measures),
    resolvedAt: t.completedAt?.toISOString() ?? null,
    cancelReason: said(t.cancelReason),
    rating: t.rating,
    ratingComment: said(t.ratingComment),
    returnVisit: t.returnVisitAt ? { satisfied: !!t.returnVisitSatisfied, notes: said(t.returnVisitNotes), at: t.returnVisitAt.toISOString() } : null,
    photos: l.uploads.filter((u) => u.purpose === 'intake').map((u) => uploadView(u, signer, now)),
    clocks: l.clocks.map((c) => clockView(c, now)),
    thread: l.replies.map((r) => ({
      id: r.id,
      authorRole: r.authorRole,
      authorName: personName(r.authorId, r.authorRole),
      body: party.text(r.body),
      written: r.written,
      attachments: r.attachmentIds.map((i) => byId.get(i)).flatMap((u) => (u ? [uploadView(u, signer, now)] : [])),
      at: r.at.toISOString(),
    })),
    records: (scope.isResident ? [] : l.records).map((r): ComplaintRecordView => {
      const { html: _html, ...payload } = r.payload;
      return {
        id: r.id,
        type: r.type,
        payload: saidAll(payload),
        createdById: r.createdBy,
        createdByName: names.get(r.createdBy) ?? null,
        at: r.at.toISOString(),
        printPath: r.type === 'notice' ? `/api/complaints/${t.id}/notice/${r.id}` : null,
      };
    }),
    timeline: l.events.map((e) => ({
      id: e.id,
      type: e.type,
      actorName: personName(e.actorId, e.actorRole),
      actorRole: e.actorRole,
      at: e.at.toISOString(),
      payload: saidAll(withoutAck(e.payload)),
      text: party.text(eventText(e.type, e.payload)),
    })),
    actions: allowedComplaintActions(snap, actorsOf(scope, t)),
    missingSteps: scope.isResident ? [] : missingStepsBeforeResolve(snap),
  };
}

/** The acknowledgement is shown in the thread (see acknowledgementOf), not again in the timeline's payload. */
function withoutAck(p: Record<string, unknown>): Record<string, unknown> {
  if (!('ack' in p)) return p;
  const { ack: _ack, ...rest } = p;
  return rest;
}
