/**
 * The rows of the reports specs' generated month (helpers/reports.ts writes them): October 2026 (Asia/Shanghai)
 * with the September before it and a few rows just outside, from a seeded generator, month-end and holiday cases.
 */
export const HOUR = 3_600_000;
const MIN = 60_000;
/** Shanghai wall time → UTC Date */
export const sh = (s: string) => new Date(`${s.replace(' ', 'T')}+08:00`);
export const OCT = { from: sh('2026-10-01 00:00'), to: sh('2026-11-01 00:00') };
export const SEP = { from: sh('2026-09-01 00:00'), to: sh('2026-10-01 00:00') };
export const NOW = sh('2026-12-03 10:00');

export interface GTicket {
  id: number;
  kind: string;
  cls: number | null;
  category: string;
  tier: string | null;
  channel: string;
  receivedAt: Date;
  status: string;
  completedAt: Date | null;
  returnVisitAt: Date | null;
  rating: number | null;
}
export interface GClock {
  id: number;
  name: string;
  subjectType: string;
  subjectId: number;
  /** the line of the report it belongs to */
  line: string;
  startedAt: Date;
  dueAt: Date;
  metAt: Date | null;
  state: string;
  breachedFlag: boolean;
  /** the escalation level the sweeper reached */
  level?: number;
}
export interface GPass {
  id: number;
  kind: string;
  issuedAt: Date;
}
export interface GLine {
  id: number;
  period: string;
  amount: number;
  paid: number;
  waived: number;
  dueDate: string;
  status: string;
}
export interface Gen {
  communityId: number;
  tickets: GTicket[];
  clocks: GClock[];
  passes: GPass[];
  lines: GLine[];
  /** published_at of the published notices */
  notices: Date[];
}

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The test's own working-day walk (2026 National Day 10-01…10-07 off, 09-20 and 10-10 worked; 中秋 09-25…27 off). */
export function writtenReplyDue(requested: Date, days = 3): Date {
  const off = new Set([
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ]);
  const worked = new Set(['2026-09-20', '2026-10-10']);
  let d = new Date(requested.getTime() + 8 * HOUR);
  let left = days;
  for (;;) {
    d = new Date(d.getTime() + 24 * HOUR);
    const day = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (worked.has(day) || (!weekend && !off.has(day))) left--;
    if (left === 0) return new Date(sh(`${day} 00:00`).getTime() + 24 * HOUR);
  }
}

/** Tickets with their clocks, the edge cases, passes with theirs and bill lines, into g (the same every run). */
export function generateRows(g: Gen, roomIds: number[]) {
  const r = prng(16);
  ticketsAndClocks(g, r);
  edgeCases(g);
  passesAndClocks(g, r);
  bills(g, r, roomIds);
}

const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

let nextTicket = 900_001;
let nextClock = 900_001;

function addClock(g: Gen, c: Omit<GClock, 'id'>) {
  g.clocks.push({ id: nextClock++, ...c });
}

function ticketsAndClocks(g: Gen, r: () => number) {
  const span = sh('2026-11-10 00:00').getTime() - sh('2026-08-25 00:00').getTime();
  for (let i = 0; i < 160; i++) {
    const receivedAt = new Date(sh('2026-08-25 00:00').getTime() + Math.floor(r() * span));
    const kind = pick(r, ['repair', 'repair', 'complaint', 'complaint', 'suggestion', 'inquiry', 'praise']);
    const repair = kind === 'repair';
    const done = r() < 0.6;
    const completedAt = done ? new Date(receivedAt.getTime() + Math.floor(r() * 48 * HOUR)) : null;
    const visited = done && r() < 0.5;
    const t: GTicket = {
      id: nextTicket++,
      kind,
      cls: kind === 'complaint' ? pick(r, [1, 2, 3, null]) : null,
      category: repair ? pick(r, ['water', 'electric', 'elevator', 'other']) : pick(r, ['service_attitude', 'parking', 'cleaning_greening']),
      tier: repair ? pick(r, ['critical', 'urgent', 'normal', null]) : null,
      channel: pick(r, ['miniapp', 'hotline', 'front_desk', 'visit']),
      receivedAt,
      status: !done ? 'submitted' : visited ? 'closed' : 'confirmed',
      completedAt,
      returnVisitAt: visited ? new Date(completedAt!.getTime() + Math.floor(r() * 72 * HOUR)) : null,
      rating: done && r() < 0.7 ? 1 + Math.floor(r() * 5) : null,
    };
    g.tickets.push(t);
    // the first clock of every ticket: initial feedback (repairs) or first reply (the desk), 1 h
    const name = repair ? 'initial_feedback' : 'first_reply';
    clockOutcome(g, r, name, name, t.id, receivedAt, new Date(receivedAt.getTime() + HOUR));
    if (repair && t.tier) {
      const started = new Date(receivedAt.getTime() + 10 * MIN);
      const due = t.tier === 'critical' ? started.getTime() + 5 * MIN : t.tier === 'urgent' ? started.getTime() + 15 * MIN : endOfShanghaiDay(started);
      clockOutcome(g, r, 'arrival', `arrival.${t.tier}`, t.id, started, new Date(due));
    }
  }
}

function endOfShanghaiDay(d: Date): number {
  const day = new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);
  return sh(`${day} 00:00`).getTime() + 24 * HOUR;
}

/** met on time, met late, still running past due (flag set or not yet by the sweeper), or cancelled */
function clockOutcome(g: Gen, r: () => number, name: string, line: string, subjectId: number, startedAt: Date, dueAt: Date, subjectType = 'ticket') {
  const x = r();
  const window = dueAt.getTime() - startedAt.getTime();
  if (x < 0.55)
    addClock(g, {
      name,
      line,
      subjectType,
      subjectId,
      startedAt,
      dueAt,
      metAt: new Date(startedAt.getTime() + Math.floor(r() * window)),
      state: 'met',
      breachedFlag: false,
    });
  else if (x < 0.8) {
    const metAt = new Date(dueAt.getTime() + 1 + Math.floor(r() * 2 * HOUR));
    addClock(g, { name, line, subjectType, subjectId, startedAt, dueAt, metAt, state: 'met', breachedFlag: true });
  } else if (x < 0.9) addClock(g, { name, line, subjectType, subjectId, startedAt, dueAt, metAt: null, state: 'running', breachedFlag: r() < 0.5 });
  else addClock(g, { name, line, subjectType, subjectId, startedAt, dueAt, metAt: null, state: 'cancelled', breachedFlag: false });
}

/** month-end and holiday cases, each with its own ticket */
function edgeCases(g: Gen) {
  const ticket = (receivedAt: Date, kind = 'complaint'): number => {
    const id = nextTicket++;
    g.tickets.push({
      id,
      kind,
      cls: 2,
      category: 'parking',
      tier: null,
      channel: 'hotline',
      receivedAt,
      status: 'submitted',
      completedAt: null,
      returnVisitAt: null,
      rating: null,
    });
    return id;
  };
  // received at the first and the last instant of October, and just outside it
  for (const at of [
    sh('2026-10-01 00:00'),
    new Date(sh('2026-11-01 00:00').getTime() - 1),
    new Date(sh('2026-10-01 00:00').getTime() - 1),
    sh('2026-11-01 00:00'),
  ])
    ticket(at);
  // started 23:30 on 30 Sep, due 00:30 on 1 Oct, met late at 02:00: one October breach (not September's)
  let id = ticket(sh('2026-09-30 23:30'));
  addClock(g, {
    name: 'first_reply',
    line: 'first_reply',
    subjectType: 'ticket',
    subjectId: id,
    startedAt: sh('2026-09-30 23:30'),
    dueAt: sh('2026-10-01 00:30'),
    metAt: sh('2026-10-01 02:00'),
    state: 'met',
    breachedFlag: true,
    level: 2,
  });
  // due 00:30 on 1 Nov and never met: November's breach, not October's
  id = ticket(sh('2026-10-31 23:30'));
  addClock(g, {
    name: 'first_reply',
    line: 'first_reply',
    subjectType: 'ticket',
    subjectId: id,
    startedAt: sh('2026-10-31 23:30'),
    dueAt: sh('2026-11-01 00:30'),
    metAt: null,
    state: 'running',
    breachedFlag: true,
  });
  // written reply asked for on 30 Sep: three working days across National Day end on Sat 10 Oct (a make-up day); met on 9 Oct
  id = ticket(sh('2026-09-30 15:00'));
  addClock(g, {
    name: 'written_reply',
    line: 'written_reply',
    subjectType: 'ticket',
    subjectId: id,
    startedAt: sh('2026-09-30 15:00'),
    dueAt: writtenReplyDue(sh('2026-09-30 15:00')),
    metAt: sh('2026-10-09 10:00'),
    state: 'met',
    breachedFlag: false,
  });
  // asked for on Wed 28 Oct: due at the end of Mon 2 Nov (the weekend skipped), so November's clock, met on 31 Oct
  id = ticket(sh('2026-10-28 10:00'));
  addClock(g, {
    name: 'written_reply',
    line: 'written_reply',
    subjectType: 'ticket',
    subjectId: id,
    startedAt: sh('2026-10-28 10:00'),
    dueAt: writtenReplyDue(sh('2026-10-28 10:00')),
    metAt: sh('2026-10-31 10:00'),
    state: 'met',
    breachedFlag: false,
  });
  // asked for on Fri 2 Oct, in the holiday: due at the end of Mon 12 Oct; still running → breached
  id = ticket(sh('2026-10-02 09:00'));
  addClock(g, {
    name: 'written_reply',
    line: 'written_reply',
    subjectType: 'ticket',
    subjectId: id,
    startedAt: sh('2026-10-02 09:00'),
    dueAt: writtenReplyDue(sh('2026-10-02 09:00')),
    metAt: null,
    state: 'running',
    breachedFlag: false,
  });
}

const PASS_MINUTES: Record<string, number> = { visitor: 2, worker: 2, parking: 10, item_release: 60 };

function passesAndClocks(g: Gen, r: () => number) {
  const span = sh('2026-11-05 00:00').getTime() - sh('2026-08-28 00:00').getTime();
  for (let i = 0; i < 40; i++) {
    const kind = pick(r, Object.keys(PASS_MINUTES));
    const issuedAt = new Date(sh('2026-08-28 00:00').getTime() + Math.floor(r() * span));
    const id = 900_001 + i;
    g.passes.push({ id, kind, issuedAt });
    const startedAt = new Date(issuedAt.getTime() - Math.floor(r() * 2 * PASS_MINUTES[kind] * MIN));
    clockOutcome(g, r, 'pass_issue', `pass_issue.${kind}`, id, startedAt, new Date(startedAt.getTime() + PASS_MINUTES[kind] * MIN), 'pass');
  }
}

function bills(g: Gen, r: () => number, roomIds: number[]) {
  let id = 900_001;
  const line = (period: string, dueDate: string, paidShare: number, waived = 0) => {
    const amount = 10_000 + Math.floor(r() * 90_000);
    const paid = Math.min(amount - waived, Math.floor(amount * paidShare));
    const open = amount - paid - waived;
    g.lines.push({ id: id++, period, amount, paid, waived, dueDate, status: open > 0 ? 'open' : paid > 0 ? 'paid' : 'waived' });
  };
  for (const _ of roomIds) {
    line('2026-10', '2026-10-15', r() < 0.5 ? 1 : 0.3);
    line('2026-10', '2026-10-31', 0, 1_000);
    line('2026-09', '2026-09-30', r() < 0.5 ? 1 : 0);
    line('2026-08', '2026-08-31', 0);
    line('2026-06', '2026-06-15', 0.5);
    line('2025-09', '2025-09-01', 0);
    line('2025-10', '2025-10-31', 0);
    line('2026-11', '2026-11-05', 0);
  }
}
