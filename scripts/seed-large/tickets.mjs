// Tickets with their clocks, timeline events, replies and number counters, community by community, in time order.
import { dt } from './writer.mjs';
import { split } from './places.mjs';
import { deskStory, repairStory } from './stories.mjs';

const MIN = 60_000;
const KIND_WEIGHTS = { repair: 58, complaint: 10, suggestion: 7, inquiry: 19, praise: 6 };
/** intake by Shanghai hour: quiet nights, peaks in the morning and the evening */
const HOUR_WEIGHT = [1, 1, 1, 1, 1, 2, 4, 6, 9, 10, 10, 9, 7, 7, 8, 8, 8, 8, 9, 10, 9, 6, 3, 2];
const TEXT = {
  water: '卫生间水管接口漏水，地面有积水',
  electric: '厨房插座没电，空气开关跳闸后合不上',
  doors_windows: '入户门锁芯卡滞，钥匙很难转动',
  elevator: '电梯运行时有异响，门关闭缓慢',
  public_area: '楼道感应灯不亮，晚上出行不便',
  other: '阳台晾衣架升降绳断裂',
};
const DESK_TEXT = {
  complaint: '反映的问题多次沟通仍未解决，希望尽快处理',
  suggestion: '建议增加小区内的休息座椅和充电桩',
  inquiry: '咨询物业费缴纳方式和开票流程',
  praise: '维修师傅上门及时、服务热情，特此表扬',
};

export const TICKET_TABLES = {
  tickets: [
    'id',
    'company_id',
    'community_id',
    'room_id',
    'kind',
    'no',
    'category',
    'emergency',
    'status',
    'is_open',
    'tier',
    'tier_rank',
    'sla_due_at',
    'breached',
    'description',
    'location',
    'contact_name',
    'contact_phone',
    'channel',
    'reporter_id',
    'owner_id',
    'assignee_id',
    'received_at',
    'accepted_at',
    'completed_at',
    'cancel_reason',
    'free_of_charge',
    'charge_total_cents',
    'rating',
    'return_visit_satisfied',
    'return_visit_at',
    'version',
    'created_at',
    'updated_at',
    'complaint_class',
    'anonymous',
    'written_reply_wanted',
    'written_reply_requested_at',
    'received_by',
    'resolution_due_date',
    'coordinator_id',
    'measures',
  ],
  clocks: [
    'id',
    'company_id',
    'community_id',
    'subject_type',
    'subject_id',
    'name',
    'state',
    'started_at',
    'due_at',
    'met_at',
    'paused_ms',
    'breached',
    'escalation_level',
  ],
  ticket_events: ['id', 'ticket_id', 'type', 'actor_id', 'actor_role', 'payload', 'at'],
  ticket_replies: ['id', 'ticket_id', 'author_id', 'author_role', 'body', 'written', 'attachment_ids', 'at'],
  ticket_counters: ['community_id', 'prefix', 'day', 'seq'],
  complaint_records: ['id', 'ticket_id', 'type', 'payload', 'created_by', 'at'],
};

/** Per ticket on average (for the progress total): clocks, events, replies — measured on a run. */
export const PER_TICKET = { clocks: 2.25, ticket_events: 6.3, ticket_replies: 0.42 };

export async function generateTickets(w, r, S, ids, communities, opts) {
  const counts = split(opts.tickets, communities.length);
  for (let ci = 0; ci < communities.length; ci++) await community(w, r, S, ids, communities[ci], counts[ci], opts);
}

function intakeTimes(r, n, since, until) {
  const out = new Float64Array(n);
  for (let i = 0; i < n;) {
    const t = since + r.next() * (until - since);
    const hour = new Date(t + 8 * 3600_000).getUTCHours();
    if (r.next() * 10 < HOUR_WEIGHT[hour]) out[i++] = Math.floor(t);
  }
  return out.sort();
}

async function community(w, r, S, ids, c, n, opts) {
  const roles = new Map(Object.entries(c.staff).flatMap(([role, people]) => people.map((p) => [p.id, role])));
  const ownerRole = (p) => roles.get(p.id) ?? 'manager';
  const counters = new Map();
  for (const t0 of intakeTimes(r, n, opts.since, opts.until)) {
    const kind = r.weighted(KIND_WEIGHTS);
    const room = r.pick(c.rooms);
    const reporter = room.residents.length ? r.pick(room.residents) : null;
    const channel =
      reporter && r.chance(0.6)
        ? 'miniapp'
        : r.weighted(kind === 'repair' ? { hotline: 60, front_desk: 30, visit: 10 } : { hotline: 50, front_desk: 30, visit: 8, suggestion_box: 7, email: 5 });
    const x = {
      t0,
      kind,
      channel,
      reporter: channel === 'miniapp' ? reporter : null,
      agent: r.pick(c.staff.agent),
      tech: r.pick(c.staff.technician),
      staff: c.staff,
      ownerRole,
    };
    let steps;
    if (kind === 'repair') {
      x.category = r.pick(S.REPAIR_CATEGORIES).key;
      steps = repairStory(S, r, x);
    } else {
      x.category = r.pick(S.KIND_CATEGORIES[kind]).key;
      x.anonymous = kind === 'complaint' && channel === 'miniapp' && r.chance(0.06);
      steps = deskStory(S, r, x);
    }
    const prefix = kind === 'repair' ? 'BX' : S.COMPLAINT_KIND_PREFIX[kind];
    const day = S.shanghaiDayKey(new Date(t0));
    const key = `${prefix}|${day}`;
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    const publicArea = x.category === 'public_area';
    const t = {
      id: ids.tickets++,
      kind,
      no: `${prefix}-${day}-${String(seq).padStart(4, '0')}`,
      room: publicArea ? null : room,
      location: publicArea ? `${room.building}栋公共区域` : room.label,
      contact: reporter ?? { name: room.ownerName, phone: room.ownerPhone },
      description: kind === 'repair' ? TEXT[x.category] : DESK_TEXT[kind],
      ...x,
    };
    await writeTicket(w, ids, c, t, replay(steps, opts.until), opts);
  }
  for (const [key, seq] of counters) {
    const [prefix, day] = key.split('|');
    await w.add('ticket_counters', [c.id, prefix, day, seq]);
  }
}

/** The steps up to `until`: the row's fields, the clocks and the events so far. */
function replay(steps, until) {
  const f = { version: 0, clocks: new Map(), events: [] };
  for (const s of steps) {
    if (s.at > until) break;
    f.version++;
    f.updatedAt = s.at;
    if (s.status) f.status = s.status;
    Object.assign(f, s.set);
    for (const [op, name, due] of s.clocks ?? []) {
      if (op === 'start') f.clocks.set(name, { name, state: 'running', start: s.at, due, met: null, stopped: null });
      for (const c of f.clocks.values())
        if (c.state === 'running' && (op === 'cancel' || (op === 'meet' && c.name === name)))
          Object.assign(c, { state: op === 'meet' ? 'met' : 'cancelled', met: op === 'meet' ? s.at : null, stopped: s.at });
    }
    f.events.push(s);
  }
  return f;
}

/** The sweeper's breach and escalation events for a clock still running past its due time (levels at due, +30 min, +4 h). */
function escalations(c, until) {
  const end = Math.min(c.stopped ?? until, until);
  const out = [];
  for (const [level, after] of [
    [1, 30_000],
    [2, 30 * MIN],
    [3, 240 * MIN],
  ]) {
    const at = c.due + after;
    if (at > end) break;
    out.push({
      at,
      type: level === 1 ? 'clock_breached' : 'escalated',
      actorId: null,
      role: 'system',
      payload: { clock: c.name, level, dueAt: new Date(c.due).toISOString() },
    });
  }
  return out;
}

async function writeTicket(w, ids, c, t, f, opts) {
  const { companyId, until } = opts;
  const events = [...f.events];
  let slaDue = null;
  let breached = false;
  for (const k of f.clocks.values()) {
    k.breached = k.state === 'met' ? k.met > k.due : k.state === 'running' && until > k.due;
    breached ||= k.breached;
    if (k.state === 'running') slaDue = slaDue === null ? k.due : Math.min(slaDue, k.due);
    k.escalations = escalations(k, until);
    events.push(...k.escalations);
    await w.add('clocks', [
      ids.clocks++,
      companyId,
      c.id,
      'ticket',
      t.id,
      k.name,
      k.state,
      dt(k.start),
      dt(k.due),
      k.met === null ? null : dt(k.met),
      0,
      k.breached ? 1 : 0,
      k.escalations.length,
    ]);
  }
  events.sort((a, b) => a.at - b.at);
  for (const e of events) {
    let payload = e.reply ? { ...e.payload, replyId: ids.ticket_replies } : e.payload;
    if (e.record) {
      payload = { recordId: ids.complaint_records, ...e.payload };
      await w.add('complaint_records', [ids.complaint_records++, t.id, e.record.type, JSON.stringify(e.record.payload), e.actorId, dt(e.at)]);
    }
    if (e.reply) await w.add('ticket_replies', [ids.ticket_replies++, t.id, e.actorId, e.role, e.reply.body, e.reply.written ? 1 : 0, '[]', dt(e.at)]);
    await w.add('ticket_events', [ids.ticket_events++, t.id, e.type, e.actorId, e.role, JSON.stringify(payload), dt(e.at)]);
  }
  const open = !['closed', 'cancelled'].includes(f.status);
  const d = (ms) => (ms === undefined || ms === null ? null : dt(ms));
  await w.add('tickets', [
    t.id,
    companyId,
    c.id,
    t.room?.id ?? null,
    t.kind,
    t.no,
    t.category,
    f.emergency ?? null,
    f.status,
    open ? 1 : 0,
    f.tier ?? null,
    f.tierRank,
    d(slaDue),
    breached ? 1 : 0,
    t.description,
    t.location,
    t.contact.name,
    t.contact.phone,
    t.channel,
    t.reporter?.id ?? null,
    f.ownerId ?? null,
    f.assigneeId ?? null,
    dt(t.t0),
    d(f.acceptedAt),
    d(f.completedAt),
    f.cancelReason ?? null,
    f.freeOfCharge ?? null,
    0,
    f.rating ?? null,
    f.returnVisitSatisfied ?? null,
    d(f.returnVisitAt),
    f.version,
    dt(t.t0),
    dt(f.updatedAt),
    f.complaintClass ?? null,
    t.anonymous ? 1 : 0,
    f.writtenReplyWanted ? 1 : 0,
    d(f.writtenReplyRequestedAt),
    f.receivedBy ?? null,
    f.resolutionDueDate ?? null,
    f.coordinatorId ?? null,
    f.measures ?? null,
  ]);
}
