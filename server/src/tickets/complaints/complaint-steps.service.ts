import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  clocksMetBy,
  COMPLAINT_CATEGORY_LABELS,
  ComplaintAction,
  ComplaintCategory,
  ComplaintRecordType,
  resolutionClock,
  suggestComplaintClass,
  endOfShanghaiDay,
  parseInstant,
  writtenReplyClock,
} from '@linli/shared';
import { Caller } from '../../common/caller';
import { CalendarService } from '../../sla/calendar.service';
import { TicketReply } from '../entities/ticket-reply.entity';
import { Ticket } from '../entities/ticket.entity';
import { TicketCore } from '../ticket-core.service';
import { ComplaintActionDto } from './dto/complaint.dto';
import { ComplaintRecord } from './entities/complaint-record.entity';
import { fieldError, HANDLERS, need, pastInstant, roleOf } from './complaint-rules';
import { ComplaintStaffService } from './complaint-staff.service';
import { developerNotice } from './notice';
import { ComplaintClocksWriter } from './complaint-clocks-writer';
import { LoadedComplaint } from './complaint-load';
import { partyOf } from './complaint-view';
import { insertRow } from '../../database/insert-row';

/** One action in progress: the ticket as loaded, the input, and the ticket's changes the step adds to. */
export type StepContext = {
  em: EntityManager;
  /** what the action loaded; the step appends what it writes (thread, records, names) for the answer */
  l: LoadedComplaint;
  clocks: ComplaintClocksWriter;
  caller: Caller | null;
  t: Ticket;
  dto: ComplaintActionDto;
  now: Date;
  changes: Partial<Ticket>;
};
export type StepResult = { eventType: string; payload: Record<string, unknown> };

/** What each complaint action writes besides the ticket's own columns (thread, records, clocks), and its event. */
@Injectable()
export class ComplaintStepsService {
  constructor(
    private readonly calendars: CalendarService,
    private readonly core: TicketCore,
    private readonly staff: ComplaintStaffService,
  ) {}

  run(action: ComplaintAction, c: StepContext): Promise<StepResult> | StepResult {
    const { t, dto, now, changes, caller } = c;
    const system = { kind: t.kind, ...(caller ? {} : { auto: true }) };
    switch (action) {
      case 'classify':
      case 'reclassify':
        return this.classify(c, action);
      case 'reassign':
        return this.reassign(c);
      case 'set_resolution_due':
        return this.setResolutionDue(c);
      case 'reply':
      case 'follow_up':
        return this.reply(c, action);
      case 'record_developer_contact':
        return this.developerContact(c);
      case 'issue_notice':
        return this.notice(c);
      case 'appoint_coordinator':
        return this.coordinator(c);
      case 'record_authority_report':
        return this.authorityReport(c);
      case 'resolve':
        return this.resolve(c);
      case 'confirm':
        return { eventType: 'confirmed', payload: system };
      case 'reopen':
        // a new due date is the owner's to set again; the measures stay on the timeline
        Object.assign(changes, { completedAt: null, resolutionDueDate: null });
        return { eventType: 'reopened', payload: { reason: dto.reason } };
      case 'rate':
        Object.assign(changes, { rating: dto.rating, ratingComment: dto.comment ?? null });
        return { eventType: 'rated', payload: { rating: dto.rating, comment: dto.comment ?? null } };
      case 'return_visit':
        Object.assign(changes, { returnVisitSatisfied: dto.satisfied, returnVisitNotes: dto.notes ?? null, returnVisitAt: now });
        if (!dto.satisfied) Object.assign(changes, { completedAt: null, resolutionDueDate: null });
        return { eventType: 'return_visit', payload: { satisfied: dto.satisfied, notes: dto.notes ?? null } };
      case 'close':
        return { eventType: 'closed', payload: system };
      case 'cancel':
        changes.cancelReason = dto.reason!;
        return { eventType: 'cancelled', payload: { kind: t.kind, reason: dto.reason, byResident: caller?.kind !== 'staff' } };
    }
    return { eventType: action, payload: {} };
  }

  private async classify({ em, l, caller, t, dto, changes }: StepContext, action: 'classify' | 'reclassify'): Promise<StepResult> {
    const cls = dto.complaintClass!;
    const person = caller ?? need('caller');
    const receivedBy = t.receivedBy ?? person.userId;
    const owner = await this.staff.ownerFor(em, t, cls, dto.ownerId, receivedBy, person);
    l.names.set(owner.id, owner.name);
    Object.assign(changes, { complaintClass: cls, ownerId: owner.id, receivedBy, coordinatorId: cls === 3 ? t.coordinatorId : null });
    const payload: Record<string, unknown> = {
      from: t.complaintClass,
      to: cls,
      suggested: suggestComplaintClass(t.category as ComplaintCategory),
      ownerId: owner.id,
      ownerName: owner.name,
    };
    if (dto.reason) payload.reason = dto.reason;
    return { eventType: action === 'classify' ? 'classified' : 'reclassified', payload };
  }

  private async reassign({ em, l, t, dto, changes }: StepContext): Promise<StepResult> {
    const to = await this.staff.handler(em, t, dto.assigneeId!, t.complaintClass === 2 ? ['supervisor', 'manager'] : HANDLERS);
    if (to.id === t.ownerId) throw fieldErrorDifferent();
    const fromName = t.ownerId ? (l.names.get(t.ownerId) ?? null) : null;
    l.names.set(to.id, to.name);
    changes.ownerId = to.id;
    return {
      eventType: 'owner_changed',
      payload: { fromId: t.ownerId ?? null, fromName, toId: to.id, toName: to.name, reason: dto.reason },
    };
  }

  private async setResolutionDue({ clocks, t, dto, now, changes }: StepContext): Promise<StepResult> {
    const c = resolutionClock(now, dto.dueDate!);
    await clocks.start(c.name, c.dueAt, c.startedAt);
    changes.resolutionDueDate = dto.dueDate!;
    return { eventType: 'resolution_due_set', payload: { dueDate: dto.dueDate, previous: t.resolutionDueDate } };
  }

  private async reply({ em, l, clocks, caller, t, dto, now, changes }: StepContext, action: 'reply' | 'follow_up'): Promise<StepResult> {
    const person = caller ?? need('caller');
    const uploads = await this.core.freeUploads(em, person, dto.photoIds ?? []);
    const photos = uploads.map((u) => u.id);
    await this.core.attachUploads(em, person, photos, t.id, 'reply');
    l.uploads.push(...uploads.map((u) => Object.assign(u, { subjectType: 'ticket', subjectId: t.id, purpose: 'reply' })));
    const written = person.kind === 'staff' && !!dto.written;
    const values = { ticketId: t.id, authorId: person.userId, authorRole: roleOf(person), body: dto.content!.trim(), written, attachmentIds: photos, at: now };
    const replyId = await insertRow(em, TicketReply, values);
    l.replies.push(Object.assign(new TicketReply(), { ...values, id: replyId }));
    const payload: Record<string, unknown> = { replyId, written, attachments: photos.length };
    if (action === 'reply') {
      await clocks.meet(clocksMetBy('reply', { written }), now);
      // 首问负责: answering an unowned ticket takes it
      if (t.ownerId === null) Object.assign(changes, { ownerId: person.userId, receivedBy: t.receivedBy ?? person.userId });
      return { eventType: 'replied', payload };
    }
    if (dto.writtenReplyWanted && !t.writtenReplyWanted) {
      const c = writtenReplyClock(now, await this.calendars.forCompany(t.companyId, em, l.calendarStamp));
      await clocks.start(c.name, c.dueAt, c.startedAt);
      Object.assign(changes, { writtenReplyWanted: true, writtenReplyRequestedAt: now });
      payload.writtenReplyRequested = true;
    }
    return { eventType: 'followed_up', payload };
  }

  private async developerContact({ em, l, caller, dto, now }: StepContext): Promise<StepResult> {
    const contactedAt = pastInstant(dto.contactedAt, now, 'contactedAt', '联系时间');
    const record = { contactPerson: dto.contactPerson ?? null, contactedAt: contactedAt.toISOString(), agreed: dto.content!.trim() };
    const id = await this.addRecord(em, l, caller, 'developer_contact', record, now);
    return { eventType: 'developer_contacted', payload: { recordId: id } };
  }

  private async notice({ em, l, caller, t, dto, now }: StepContext): Promise<StepResult> {
    const person = caller ?? need('caller');
    const community = { name: l.communityName };
    const addressee = dto.addressee?.trim() || `${community.name}开发建设单位`;
    // printed and handed to the developer: the supervisor's summary, never the resident's own text; an anonymous
    // reporter's room, name and phone stay out of it
    const party = partyOf(l, 'notice');
    const request = party.text(dto.content!.trim());
    const replyBy = noticeDeadline(l, dto.dueDate);
    const notice = developerNotice({
      companyName: l.companyName,
      communityName: community.name,
      no: t.no,
      receivedAt: t.receivedAt,
      categoryLabel: COMPLAINT_CATEGORY_LABELS[t.category as ComplaintCategory] ?? '房屋质量',
      location: party.location,
      request,
      addressee,
      issuedAt: now,
      issuerName: l.names.get(person.userId) ?? '',
      replyBy,
    });
    const record = { addressee, title: notice.title, request, replyBy: replyBy?.toISOString() ?? null, text: notice.text, html: notice.html };
    const id = await this.addRecord(em, l, caller, 'notice', record, now);
    return { eventType: 'notice_issued', payload: { recordId: id, addressee } };
  }

  private async coordinator({ em, l, caller, t, dto, now, changes }: StepContext): Promise<StepResult> {
    const who = await this.staff.handler(em, t, dto.assigneeId!, HANDLERS);
    l.names.set(who.id, who.name);
    changes.coordinatorId = who.id;
    const record = { coordinatorId: who.id, coordinatorName: who.name, note: dto.content?.trim() || null };
    const id = await this.addRecord(em, l, caller, 'coordinator', record, now);
    return { eventType: 'coordinator_appointed', payload: { recordId: id, coordinatorId: who.id, coordinatorName: who.name } };
  }

  private async authorityReport({ em, l, caller, dto, now }: StepContext): Promise<StepResult> {
    const reportedAt = pastInstant(dto.reportedAt, now, 'reportedAt', '报告时间');
    const authority = dto.authority?.trim() || null;
    const id = await this.addRecord(em, l, caller, 'authority_report', { authority, reportedAt: reportedAt.toISOString(), content: dto.content!.trim() }, now);
    return { eventType: 'authority_reported', payload: { recordId: id, authority } };
  }

  private async resolve({ clocks, dto, now, changes }: StepContext): Promise<StepResult> {
    Object.assign(changes, { measures: dto.measures?.trim() || null, completedAt: now });
    await clocks.meet(clocksMetBy('resolve'), now);
    return { eventType: 'resolved', payload: {} };
  }

  private async addRecord(
    em: EntityManager,
    l: LoadedComplaint,
    caller: Caller | null,
    type: ComplaintRecordType,
    payload: Record<string, unknown>,
    at: Date,
  ): Promise<number> {
    const values = { ticketId: l.t.id, type, payload, createdBy: (caller ?? need('caller')).userId, at };
    const id = await insertRow(em, ComplaintRecord, values);
    l.records.push(Object.assign(new ComplaintRecord(), { ...values, id }));
    return id;
  }
}

const fieldErrorDifferent = () => fieldError('assigneeId', '已是该负责人', 'different');

/**
 * The notice's one deadline: the date the supervisor chose (its 24:00), else the written reply still owed to the
 * resident, else the resolution date; none ("尽快") when there is neither.
 */
function noticeDeadline(l: LoadedComplaint, dueDate: string | undefined): Date | null {
  if (dueDate) return endOfShanghaiDay(parseInstant(dueDate)!);
  const written = l.clocks.find((c) => c.name === 'written_reply' && (c.state === 'running' || c.state === 'paused'));
  if (written) return written.dueAt;
  return l.t.resolutionDueDate ? endOfShanghaiDay(parseInstant(l.t.resolutionDueDate)!) : null;
}
