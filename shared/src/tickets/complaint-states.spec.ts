import {
  allowedComplaintActions,
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_RULES,
  complaintActorsFor,
  complaintInputError,
  complaintStatusLabel,
  complaintTransition,
  ComplaintAction,
  ComplaintActor,
  ComplaintSnapshot,
  ComplaintStatus,
  FEEDBACK_RULES,
  missingStepsBeforeResolve,
  COMPLAINT_STEP_LABELS,
  stepsRequiredBeforeResolve,
} from './complaint-states';

const ALL_STATUSES = Object.values(ComplaintStatus);
const c = (status: ComplaintStatus, more: Partial<ComplaintSnapshot> = {}): ComplaintSnapshot => ({ kind: 'complaint', status, complaintClass: 1, ...more });
const now = new Date('2026-11-20T01:00:00Z'); // 09:00 Shanghai, 2026-11-20

describe('complaint state machine', () => {
  it('walks the class-1 path: classify, reply, resolve, confirm, rate, return visit', () => {
    const path: [ComplaintStatus, ComplaintAction, ComplaintActor, ComplaintStatus][] = [
      ['received', 'classify', 'desk', 'in_progress'],
      ['in_progress', 'reply', 'owner', 'in_progress'],
      ['in_progress', 'set_resolution_due', 'owner', 'in_progress'],
      ['in_progress', 'resolve', 'owner', 'resolved'],
      ['resolved', 'confirm', 'resident', 'confirmed'],
      ['confirmed', 'rate', 'resident', 'confirmed'],
      ['confirmed', 'return_visit', 'desk', 'closed'],
    ];
    for (const [from, action, actor, to] of path)
      expect([from, action, complaintTransition(c(from), action, [actor])]).toEqual([from, action, { ok: true, next: to }]);
  });

  it('the resident reopens a resolved complaint; a dissatisfied return visit reopens too; the owner resolves again', () => {
    expect(complaintTransition(c('resolved'), 'reopen', ['resident'])).toEqual({ ok: true, next: 'reopened' });
    expect(complaintTransition(c('confirmed'), 'return_visit', ['desk'], { satisfied: false })).toEqual({ ok: true, next: 'reopened' });
    expect(complaintTransition(c('reopened'), 'resolve', ['owner'])).toEqual({ ok: true, next: 'resolved' });
    expect(complaintTransition(c('resolved'), 'reopen', ['desk', 'owner'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(complaintTransition(c('confirmed'), 'reopen', ['resident'])).toEqual({ ok: false, error: 'illegal_transition' });
  });

  it('the system auto-confirms, but never reopens or rates', () => {
    expect(complaintTransition(c('resolved'), 'confirm', ['system'])).toEqual({ ok: true, next: 'confirmed' });
    expect(complaintTransition(c('resolved'), 'reopen', ['system'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(complaintTransition(c('confirmed'), 'rate', ['system'])).toEqual({ ok: false, error: 'not_allowed' });
  });

  it('class 2: the developer contact (and for facilities the written notice) before resolving', () => {
    const t = c('in_progress', { complaintClass: 2, category: 'house_quality' });
    expect(complaintTransition(t, 'resolve', ['owner'])).toEqual({ ok: false, error: 'steps_missing' });
    expect(missingStepsBeforeResolve(t)).toEqual(['record_developer_contact']);
    expect(allowedComplaintActions(t, ['owner'])).not.toContain('resolve');
    expect(complaintTransition(t, 'record_developer_contact', ['owner'])).toEqual({ ok: true, next: 'in_progress' });
    expect(complaintTransition({ ...t, done: ['record_developer_contact'] }, 'resolve', ['owner'])).toEqual({ ok: true, next: 'resolved' });

    const f = c('in_progress', { complaintClass: 2, category: 'supporting_facilities', done: ['record_developer_contact'] });
    expect(missingStepsBeforeResolve(f)).toEqual(['issue_notice']);
    expect(complaintTransition({ ...f, done: ['record_developer_contact', 'issue_notice'] }, 'resolve', ['owner']).ok).toBe(true);
  });

  it('a written reply the resident asked for must be on record before resolving, for every class and kind', () => {
    const one = c('in_progress', { complaintClass: 1, writtenReplyWanted: true });
    expect(missingStepsBeforeResolve(one)).toEqual(['written_reply']);
    expect(complaintTransition(one, 'resolve', ['owner'])).toEqual({ ok: false, error: 'steps_missing' });
    expect(allowedComplaintActions(one, ['owner'])).not.toContain('resolve');
    // an ordinary reply is not the written one
    expect(complaintTransition({ ...one, done: ['reply'] }, 'resolve', ['owner'])).toEqual({ ok: false, error: 'steps_missing' });
    expect(complaintTransition({ ...one, done: ['reply', 'written_reply'] }, 'resolve', ['owner'])).toEqual({ ok: true, next: 'resolved' });

    const two = c('in_progress', { complaintClass: 2, category: 'house_quality', writtenReplyWanted: true, done: ['record_developer_contact'] });
    expect(stepsRequiredBeforeResolve(two)).toEqual(['record_developer_contact', 'written_reply']);
    expect(missingStepsBeforeResolve(two)).toEqual(['written_reply']);
    expect(complaintTransition(two, 'resolve', ['owner'])).toEqual({ ok: false, error: 'steps_missing' });
    expect(complaintTransition({ ...two, done: ['record_developer_contact', 'written_reply'] }, 'resolve', ['owner']).ok).toBe(true);

    const three = c('in_progress', { complaintClass: 3, writtenReplyWanted: true });
    expect(stepsRequiredBeforeResolve(three)).toEqual(['appoint_coordinator', 'record_authority_report', 'written_reply']);

    const s = { kind: 'suggestion' as const, status: 'received' as const, writtenReplyWanted: true };
    expect(missingStepsBeforeResolve({ ...s, done: ['reply'] })).toEqual(['written_reply']);
    expect(complaintTransition({ ...s, done: ['reply', 'written_reply'] }, 'resolve', ['desk']).ok).toBe(true);
    // not asked for: not required
    expect(missingStepsBeforeResolve(c('in_progress', { complaintClass: 1 }))).toEqual([]);
    expect(COMPLAINT_STEP_LABELS.written_reply).toBe('书面答复住户');
    expect(COMPLAINT_STEP_LABELS.record_developer_contact).toBe(COMPLAINT_ACTION_LABELS.record_developer_contact);
  });

  it('class 3: only the manager appoints the coordinator; the coordinator (owner) reports in writing; then resolve', () => {
    const t = c('in_progress', { complaintClass: 3, category: 'municipal_facilities' });
    expect(complaintTransition(t, 'appoint_coordinator', ['manager'])).toEqual({ ok: true, next: 'in_progress' });
    expect(complaintTransition(t, 'appoint_coordinator', ['desk', 'owner', 'supervisor'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(complaintTransition(t, 'record_authority_report', ['owner'])).toEqual({ ok: true, next: 'in_progress' });
    expect(missingStepsBeforeResolve({ ...t, done: ['appoint_coordinator'] })).toEqual(['record_authority_report']);
    expect(complaintTransition({ ...t, done: ['appoint_coordinator', 'record_authority_report'] }, 'resolve', ['owner']).ok).toBe(true);
  });

  it("a class's duties are refused on the other classes", () => {
    expect(complaintTransition(c('in_progress', { complaintClass: 1 }), 'record_developer_contact', ['owner'])).toEqual({ ok: false, error: 'not_for_class' });
    expect(complaintTransition(c('in_progress', { complaintClass: 2 }), 'appoint_coordinator', ['manager'])).toEqual({ ok: false, error: 'not_for_class' });
    expect(complaintTransition(c('in_progress', { complaintClass: 3 }), 'issue_notice', ['owner'])).toEqual({ ok: false, error: 'not_for_class' });
    expect(complaintTransition(c('in_progress', { complaintClass: 3 }), 'reassign', ['supervisor'])).toEqual({ ok: false, error: 'not_for_class' });
  });

  it('首问负责制: any desk agent answers until it is classified, then the owner (or a supervisor / manager)', () => {
    expect(complaintTransition(c('received', { complaintClass: null }), 'reply', ['desk']).ok).toBe(true);
    expect(complaintTransition(c('in_progress'), 'reply', ['desk'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(complaintTransition(c('in_progress'), 'reply', ['desk', 'owner']).ok).toBe(true);
    expect(complaintTransition(c('in_progress'), 'reply', ['desk', 'supervisor']).ok).toBe(true);
    expect(complaintTransition(c('in_progress'), 'resolve', ['desk'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(complaintTransition(c('in_progress'), 'resolve', ['desk', 'manager']).ok).toBe(true);
  });

  it('reclassify and reassign keep the state; the agent owner may reclassify, only oversight reassigns', () => {
    expect(complaintTransition(c('in_progress'), 'reclassify', ['owner'])).toEqual({ ok: true, next: 'in_progress' });
    expect(complaintTransition(c('reopened'), 'reclassify', ['supervisor'])).toEqual({ ok: true, next: 'reopened' });
    expect(complaintTransition(c('received', { complaintClass: null }), 'reclassify', ['desk'])).toEqual({ ok: false, error: 'illegal_transition' });
    expect(complaintTransition(c('in_progress'), 'reassign', ['owner'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(complaintTransition(c('in_progress'), 'reassign', ['supervisor']).ok).toBe(true);
  });

  it('cancel: the resident until resolved, staff only as supervisor or manager', () => {
    expect(complaintTransition(c('received'), 'cancel', ['resident'])).toEqual({ ok: true, next: 'cancelled' });
    expect(complaintTransition(c('in_progress'), 'cancel', ['resident'])).toEqual({ ok: true, next: 'cancelled' });
    expect(complaintTransition(c('resolved'), 'cancel', ['resident'])).toEqual({ ok: false, error: 'illegal_transition' });
    expect(complaintTransition(c('in_progress'), 'cancel', ['desk', 'owner'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(complaintTransition(c('in_progress'), 'cancel', ['desk', 'supervisor']).ok).toBe(true);
  });

  it('the resident follows up in the thread while it is open', () => {
    for (const s of ['received', 'in_progress', 'reopened', 'resolved'] as ComplaintStatus[])
      expect(complaintTransition(c(s), 'follow_up', ['resident'])).toEqual({ ok: true, next: s });
    expect(complaintTransition(c('closed'), 'follow_up', ['resident'])).toEqual({ ok: false, error: 'illegal_transition' });
    expect(complaintTransition(c('in_progress'), 'follow_up', ['owner'])).toEqual({ ok: false, error: 'not_allowed' });
  });

  it('rating is offered once, after confirmation', () => {
    expect(allowedComplaintActions(c('confirmed'), ['resident'])).toContain('rate');
    expect(allowedComplaintActions(c('closed'), ['resident'])).toEqual(['rate']);
    expect(allowedComplaintActions(c('confirmed', { rated: true }), ['resident'])).not.toContain('rate');
    expect(complaintTransition(c('closed', { rated: true }), 'rate', ['resident'])).toEqual({ ok: false, error: 'already_rated' });
    expect(complaintTransition(c('resolved'), 'rate', ['resident'])).toEqual({ ok: false, error: 'illegal_transition' });
  });

  it('buttons per actor', () => {
    expect(allowedComplaintActions(c('received', { complaintClass: null }), ['desk'])).toEqual(['classify', 'reply']);
    expect(allowedComplaintActions(c('received', { complaintClass: null }), ['resident'])).toEqual(['follow_up', 'cancel']);
    expect(allowedComplaintActions(c('in_progress'), ['desk', 'owner'])).toEqual(['reclassify', 'set_resolution_due', 'reply', 'resolve']);
    expect(allowedComplaintActions(c('in_progress', { complaintClass: 3 }), ['desk', 'owner', 'manager'])).toEqual([
      'reclassify',
      'set_resolution_due',
      'reply',
      'appoint_coordinator',
      'record_authority_report',
      'cancel',
    ]);
    expect(allowedComplaintActions(c('resolved'), ['resident'])).toEqual(['follow_up', 'confirm', 'reopen']);
  });

  it('terminal states allow nothing but a late rating', () => {
    const everyone: ComplaintActor[] = ['desk', 'owner', 'supervisor', 'manager', 'resident', 'system'];
    expect(allowedComplaintActions(c('closed', { rated: true }), everyone)).toEqual([]);
    expect(allowedComplaintActions(c('cancelled'), everyone)).toEqual([]);
  });

  it('every rule names states that exist, and every action has a label', () => {
    for (const rules of [COMPLAINT_RULES, FEEDBACK_RULES])
      for (const rule of Object.values(rules)) for (const s of rule!.from) expect(ALL_STATUSES).toContain(s);
    for (const a of Object.values(ComplaintAction)) expect(COMPLAINT_ACTION_LABELS[a]).toBeTruthy();
  });
});

describe('suggestions, inquiries and praise: reply → resolve → close', () => {
  const f = (status: ComplaintStatus, more: Partial<ComplaintSnapshot> = {}): ComplaintSnapshot => ({ kind: 'suggestion', status, ...more });

  it('walks reply, resolve, close', () => {
    expect(complaintTransition(f('received'), 'reply', ['desk'])).toEqual({ ok: true, next: 'received' });
    expect(complaintTransition(f('received', { done: ['reply'] }), 'resolve', ['desk'])).toEqual({ ok: true, next: 'resolved' });
    expect(complaintTransition(f('resolved'), 'close', ['resident'])).toEqual({ ok: true, next: 'closed' });
    expect(complaintTransition(f('resolved'), 'close', ['system'])).toEqual({ ok: true, next: 'closed' });
    expect(complaintTransition({ kind: 'inquiry', status: 'resolved' }, 'close', ['desk'])).toEqual({ ok: true, next: 'closed' });
  });

  it('resolving needs a reply first', () => {
    expect(complaintTransition({ kind: 'inquiry', status: 'received' }, 'resolve', ['desk'])).toEqual({ ok: false, error: 'steps_missing' });
    expect(missingStepsBeforeResolve({ kind: 'praise', done: [] })).toEqual(['reply']);
  });

  it('none of the complaint-only actions', () => {
    for (const a of [
      'classify',
      'reclassify',
      'confirm',
      'reopen',
      'rate',
      'return_visit',
      'record_developer_contact',
      'appoint_coordinator',
    ] as ComplaintAction[])
      expect([a, complaintTransition(f('received'), a, ['desk', 'owner', 'supervisor', 'manager', 'resident']).ok]).toEqual([a, false]);
    expect(complaintTransition(c('resolved'), 'close', ['desk'])).toEqual({ ok: false, error: 'illegal_transition' });
  });

  it('buttons', () => {
    expect(allowedComplaintActions(f('received'), ['desk'])).toEqual(['reply', 'cancel']);
    expect(allowedComplaintActions(f('received', { done: ['reply'] }), ['desk'])).toEqual(['reply', 'resolve', 'cancel']);
    expect(allowedComplaintActions(f('resolved'), ['resident'])).toEqual(['follow_up', 'close']);
    expect(allowedComplaintActions(f('closed'), ['desk', 'resident'])).toEqual([]);
  });

  it('labels: resolved reads 已处理 outside complaints', () => {
    expect(complaintStatusLabel('complaint', 'resolved')).toBe('待确认');
    expect(complaintStatusLabel('inquiry', 'resolved')).toBe('已处理');
    expect(complaintStatusLabel('praise', 'closed')).toBe('已完结');
  });
});

describe('actors', () => {
  it('maps roles and relation to actors', () => {
    expect(complaintActorsFor(['agent'], {})).toEqual(['desk']);
    expect(complaintActorsFor(['agent'], { isOwner: true })).toEqual(['desk', 'owner']);
    expect(complaintActorsFor(['supervisor'], { isOwner: true })).toEqual(['desk', 'owner', 'supervisor']);
    expect(complaintActorsFor(['manager'], {})).toEqual(['desk', 'manager']);
    expect(complaintActorsFor(['resident'], { isReporter: true })).toEqual(['resident']);
    expect(complaintActorsFor(['resident'], { isReporter: false, isOwner: true })).toEqual([]);
    expect(complaintActorsFor(['technician'], { isOwner: true })).toEqual([]);
  });
});

describe('inputs', () => {
  const t = { kind: 'complaint' as const, complaintClass: null, category: 'house_quality' as const };

  it('classify: confirming the suggested class needs no reason; changing it does', () => {
    expect(complaintInputError(t, 'classify', {}, now)).toBe('class_required');
    expect(complaintInputError(t, 'classify', { complaintClass: 2 }, now)).toBeNull();
    expect(complaintInputError(t, 'classify', { complaintClass: 1 }, now)).toBe('reason_required');
    expect(complaintInputError(t, 'classify', { complaintClass: 1, reason: '  ' }, now)).toBe('reason_required');
    expect(complaintInputError(t, 'classify', { complaintClass: 1, reason: '系我司维修遗留问题' }, now)).toBeNull();
  });

  it('reclassify: a different class and a reason', () => {
    const cur = { ...t, complaintClass: 2 as const };
    expect(complaintInputError(cur, 'reclassify', { complaintClass: 2, reason: 'x' }, now)).toBe('same_class');
    expect(complaintInputError(cur, 'reclassify', { complaintClass: 3 }, now)).toBe('reason_required');
    expect(complaintInputError(cur, 'reclassify', { complaintClass: 3, reason: '属市政管网' }, now)).toBeNull();
  });

  it('resolve needs the measures for complaints only', () => {
    expect(complaintInputError(t, 'resolve', {}, now)).toBe('measures_required');
    expect(complaintInputError(t, 'resolve', { measures: '已联系开发商维修，复查无渗漏' }, now)).toBeNull();
    expect(complaintInputError({ kind: 'inquiry' }, 'resolve', {}, now)).toBeNull();
  });

  it('reopen and cancel need a reason; replies and records need content', () => {
    expect(complaintInputError(t, 'reopen', {}, now)).toBe('reason_required');
    expect(complaintInputError(t, 'cancel', { reason: '已自行解决' }, now)).toBeNull();
    expect(complaintInputError(t, 'reply', { content: '' }, now)).toBe('content_required');
    expect(complaintInputError(t, 'record_authority_report', { content: '已书面报告街道办' }, now)).toBeNull();
  });

  it('handover needs someone to take it', () => {
    expect(complaintInputError(t, 'reassign', { reason: '交接班' }, now)).toBe('assignee_required');
    expect(complaintInputError(t, 'reassign', { assigneeId: 7, reason: '交接班' }, now)).toBeNull();
    expect(complaintInputError(t, 'appoint_coordinator', {}, now)).toBe('assignee_required');
  });

  it('resolution due date: a real date, today (Shanghai) or later', () => {
    expect(complaintInputError(t, 'set_resolution_due', { dueDate: '2026-11-20' }, now)).toBeNull();
    expect(complaintInputError(t, 'set_resolution_due', { dueDate: '2026-11-19' }, now)).toBe('due_date_past');
    expect(complaintInputError(t, 'set_resolution_due', { dueDate: '2026-11-31' }, now)).toBe('due_date_invalid');
    expect(complaintInputError(t, 'set_resolution_due', {}, now)).toBe('due_date_invalid');
    // 23:30 Shanghai on the 19th is still the 19th there
    expect(complaintInputError(t, 'set_resolution_due', { dueDate: '2026-11-19' }, new Date('2026-11-19T15:30:00Z'))).toBeNull();
  });

  it('rating 1–5 and a return-visit outcome', () => {
    expect(complaintInputError(t, 'rate', { rating: 0 }, now)).toBe('rating_invalid');
    expect(complaintInputError(t, 'rate', { rating: 4.5 }, now)).toBe('rating_invalid');
    expect(complaintInputError(t, 'rate', { rating: 5 }, now)).toBeNull();
    expect(complaintInputError(t, 'return_visit', {}, now)).toBe('outcome_required');
    expect(complaintInputError(t, 'return_visit', { satisfied: false }, now)).toBeNull();
  });
});
