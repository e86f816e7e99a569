// What happened to one ticket, as steps in time (the real state machines' actions, events and clock changes);
// tickets.mjs replays the steps up to the generation instant to get the row, its clocks and its timeline.
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const EMERGENCY_OF = { water: 'leak', electric: 'public_power_failure', elevator: 'elevator_entrapment', other: 'fire' };
const TIER_RANK = { critical: 0, urgent: 1, normal: 2 };
export const UNTIERED_RANK = 9;
const ARRIVAL = { critical: [3 * MIN, 0.3], urgent: [9 * MIN, 0.3], normal: [150 * MIN, 0.7] };

const person = (p, role) => ({ actorId: p?.id ?? null, role: p ? role : 'system' });

/** The steps of a repair: created → accepted → dispatched → in_progress → completed → confirmed → (rated) → closed, or cancelled. */
export function repairStory(S, r, x) {
  const { t0, agent, tech, reporter, category } = x;
  const emergency = EMERGENCY_OF[category] && r.chance(0.02) ? EMERGENCY_OF[category] : null;
  const tier = emergency ? 'critical' : r.chance(0.1) ? r.pick(['urgent', 'normal']) : S.suggestTier(category, null);
  const intakeBy = x.channel === 'miniapp' ? person(reporter, 'resident') : person(agent, 'agent');
  const steps = [
    {
      at: t0,
      type: 'created',
      ...intakeBy,
      payload: { channel: x.channel, category, emergency },
      status: 'submitted',
      set: { emergency, tierRank: emergency ? 0 : UNTIERED_RANK },
      clocks: [['start', 'initial_feedback', S.initialFeedbackDue(new Date(t0), !!emergency).getTime()]],
    },
  ];
  if (!emergency && r.chance(0.02)) return cancel(steps, r, t0 + r.around(20 * MIN), intakeBy, '住户已自行处理');
  const a = emergency ? t0 : t0 + r.around(15 * MIN);
  steps.push({
    at: a,
    type: 'accepted',
    ...(emergency ? person(null) : person(agent, 'agent')),
    payload: { tier, auto: !!emergency },
    status: 'accepted',
    set: { tier, tierRank: TIER_RANK[tier], acceptedAt: a, ownerId: emergency ? null : agent.id },
    clocks: [
      ['meet', 'initial_feedback'],
      ['start', 'dispatch', S.dispatchDue(new Date(a)).getTime()],
      ['start', 'arrival', S.arrivalDue(tier, new Date(a), null).getTime()],
    ],
  });
  const d = a + r.around(40_000);
  steps.push({
    at: d,
    type: 'dispatched',
    ...person(agent, 'agent'),
    payload: { technicianId: tech.id, technicianName: tech.name },
    status: 'dispatched',
    set: { assigneeId: tech.id, ownerId: agent.id },
    clocks: [['meet', 'dispatch']],
  });
  if (r.chance(0.02)) return cancel(steps, r, d + r.around(2 * HOUR), person(agent, 'agent'), '住户取消维修，改约他日');
  const arrived = d + r.around(...ARRIVAL[tier]);
  steps.push({ at: arrived, type: 'arrived', ...person(tech, 'technician'), payload: {}, status: 'in_progress', clocks: [['meet', 'arrival']] });
  const done = arrived + r.around(50 * MIN, 0.6);
  steps.push({
    at: done,
    type: 'completed',
    ...person(tech, 'technician'),
    payload: { freeOfCharge: true, totalCents: 0, notes: null, photos: 0 },
    status: 'completed',
    set: { completedAt: done, freeOfCharge: true },
    clocks: [['cancel']],
  });
  return finish(steps, r, done, reporter, agent, {});
}

/** Confirmation (by the resident, or by the system after 3 days), a rating now and then, the return visit that closes it. */
function finish(steps, r, resolvedAt, reporter, agent, kindPayload) {
  const wait = r.around(10 * HOUR, 1);
  const auto = !reporter || wait > 3 * DAY;
  const c = resolvedAt + (auto ? 3 * DAY : wait);
  steps.push({ at: c, type: 'confirmed', ...(auto ? person(null) : person(reporter, 'resident')), payload: { ...kindPayload, auto }, status: 'confirmed' });
  if (reporter && r.chance(0.45)) {
    const rating = Number(r.weighted({ 5: 60, 4: 24, 3: 10, 2: 4, 1: 2 }));
    steps.push({ at: c + r.around(5 * MIN), type: 'rated', ...person(reporter, 'resident'), payload: { rating, comment: null }, set: { rating } });
  }
  const v = c + r.around(DAY, 0.5);
  steps.push({
    at: v,
    type: 'return_visit',
    ...person(agent, 'agent'),
    payload: { satisfied: true, notes: null },
    status: 'closed',
    set: { returnVisitSatisfied: true, returnVisitAt: v },
  });
  return steps;
}

function cancel(steps, r, at, by, reason, kind) {
  steps.push({
    at,
    type: 'cancelled',
    ...by,
    payload: kind ? { kind, reason, byResident: by.role === 'resident' } : { reason },
    status: 'cancelled',
    set: { cancelReason: reason },
    clocks: [['cancel']],
  });
  return steps;
}

/**
 * The steps of a complaints-desk ticket. Complaints: received → classified (owner by class) → replied → due date set
 * → resolved → confirmed → closed by the return visit; the other kinds: received → replied → resolved → closed by the
 * system a week later. A written reply (书面答复) when asked for, on working days.
 */
export function deskStory(S, r, x) {
  const { t0, agent, reporter, kind, category, staff } = x;
  const written = r.chance(kind === 'complaint' ? 0.1 : kind === 'suggestion' ? 0.03 : 0);
  const steps = [deskCreated(S, x, written)];
  if (r.chance(0.02)) return cancel(steps, r, t0 + r.around(HOUR), person(reporter ?? agent, reporter ? 'resident' : 'agent'), '问题已解决，撤回', kind);
  let owner = agent;
  let at = t0;
  if (kind === 'complaint') {
    const suggested = S.suggestComplaintClass(category);
    const cls = r.chance(0.1) ? r.pick([1, 2, 3]) : suggested;
    owner = r.pick(staff[S.COMPLAINT_CLASS_OWNER_ROLE[cls]]);
    at = t0 + r.around(10 * MIN, 0.6);
    const payload = { from: null, to: cls, suggested, ownerId: owner.id, ownerName: owner.name };
    steps.push({
      at,
      type: 'classified',
      ...person(agent, 'agent'),
      payload,
      status: 'in_progress',
      set: { complaintClass: cls, ownerId: owner.id, receivedBy: agent.id },
    });
  }
  const by = person(owner, x.ownerRole(owner));
  const replyAt = Math.max(at + MIN, t0 + r.around(22 * MIN, 0.6));
  // 首问负责: the first staff reply takes an unowned ticket (one filed in the mini-program)
  steps.push(replyStep(by, replyAt, false, x.channel === 'miniapp' && kind !== 'complaint' ? { ownerId: owner.id, receivedBy: owner.id } : {}));
  let last = replyAt;
  if (kind === 'complaint') {
    const dueDate = S.addCalendarDays(S.shanghaiDate(new Date(replyAt)), r.int(3, 10));
    const clocks = [['start', 'resolution', S.endOfShanghaiDate(dueDate).getTime()]];
    steps.push({ at: replyAt + MIN, type: 'resolution_due_set', ...by, payload: { dueDate, previous: null }, set: { resolutionDueDate: dueDate }, clocks });
    last = duties(steps, r, x, by, replyAt + 2 * MIN, steps[1].payload.to);
  }
  if (written) steps.push(replyStep(by, (last = last + r.around(40 * HOUR, 0.5)), true, {}));
  const resolved = Math.max(last + MIN, replyAt + r.around(kind === 'complaint' ? 2 * DAY : 3 * HOUR, 0.8));
  const measures = kind === 'complaint' ? '已安排专人现场核实并整改，整改结果已电话告知住户' : null;
  const meet = [
    ['meet', 'first_reply'],
    ['meet', 'resolution'],
  ];
  steps.push({ at: resolved, type: 'resolved', ...by, payload: {}, status: 'resolved', set: { completedAt: resolved, measures }, clocks: meet });
  if (kind === 'complaint') return finish(steps, r, resolved, x.anonymous ? null : reporter, agent, { kind });
  steps.push({ at: resolved + 7 * DAY, type: 'closed', ...person(null), payload: { auto: true }, status: 'closed' });
  return steps;
}

/** Intake: acknowledged at once (受理), the first-reply clock, and the written-reply one when asked for. */
function deskCreated(S, x, written) {
  const { t0, agent, reporter, kind, category } = x;
  const staffIntake = x.channel !== 'miniapp';
  const clocks = [['start', 'first_reply', S.firstReplyDue(new Date(t0)).getTime()]];
  if (written) clocks.push(['start', 'written_reply', S.calendar.writtenReplyDue(new Date(t0)).getTime()]);
  return {
    at: t0,
    type: 'created',
    ...(staffIntake ? person(agent, 'agent') : person(reporter, 'resident')),
    payload: { kind, channel: x.channel, category, anonymous: x.anonymous, writtenReplyWanted: written },
    status: 'received',
    set: {
      tierRank: UNTIERED_RANK,
      writtenReplyWanted: written,
      writtenReplyRequestedAt: written ? t0 : null,
      receivedBy: staffIntake ? agent.id : null,
      ownerId: staffIntake ? agent.id : null,
    },
    clocks,
  };
}

/** A staff reply (a ticket_replies row with its event): meets the first-reply clock, a written one the written-reply clock too. */
function replyStep(by, at, written, set) {
  const body = written
    ? '书面答复：经核实，您反映的情况已处理完毕，处理结果及后续安排详见本答复。'
    : '您好，您反映的问题已收到，我们已安排专人跟进，处理进展会及时告知您。';
  const clocks = written
    ? [
        ['meet', 'first_reply'],
        ['meet', 'written_reply'],
      ]
    : [['meet', 'first_reply']];
  return { at, type: 'replied', ...by, payload: { replyId: 0, written, attachments: 0 }, reply: { body, written }, set, clocks };
}

/**
 * The class duties a complaint needs before it may be resolved (stepsRequiredBeforeResolve): class 2 — the developer
 * contacted (and, for supporting facilities, the written notice to them); class 3 — a coordinator appointed and the
 * written report to the authority. Each is a complaint_records row and its event. Returns the time of the last.
 */
function duties(steps, r, x, by, from, cls) {
  let at = from;
  const add = (type, recordType, record, payload, set) => {
    at += r.around(3 * HOUR, 0.6);
    steps.push({ at, type, ...by, payload, record: { type: recordType, payload: typeof record === 'function' ? record(at) : record }, set });
  };
  if (cls === 2) {
    add(
      'developer_contacted',
      'developer_contact',
      (t) => ({ contactPerson: '开发商客服部', contactedAt: new Date(t).toISOString(), agreed: '开发商同意两周内派人维修' }),
      {},
    );
    if (x.category === 'supporting_facilities') {
      const addressee = '开发建设单位';
      const text = '关于小区配套设施问题的书面通知：请贵单位于收到本通知之日起 15 日内派员处理。';
      add(
        'notice_issued',
        'notice',
        { addressee, title: '书面通知', request: '请派员维修小区配套设施', replyBy: null, text, html: `<p>${text}</p>` },
        { addressee },
      );
    }
  } else if (cls === 3) {
    const c = r.pick(x.staff.supervisor);
    add(
      'coordinator_appointed',
      'coordinator',
      { coordinatorId: c.id, coordinatorName: c.name, note: null },
      { coordinatorId: c.id, coordinatorName: c.name },
      { coordinatorId: c.id },
    );
    add(
      'authority_reported',
      'authority_report',
      (t) => ({ authority: '街道办事处', reportedAt: new Date(t).toISOString(), content: '已书面报告，请协调处理' }),
      { authority: '街道办事处' },
    );
  }
  return at;
}
