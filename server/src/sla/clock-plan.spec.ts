import { ClockPlan } from './clock-plan';
import { SlaClock } from './entities/clock.entity';

const S = { type: 'ticket', id: 7, companyId: 1, communityId: 2 };
const at = (iso: string) => new Date(iso);
const clock = (id: number, name: SlaClock['name'], v: Partial<SlaClock> = {}): SlaClock =>
  Object.assign(new SlaClock(), {
    id,
    companyId: 1,
    communityId: 2,
    subjectType: 'ticket',
    subjectId: 7,
    name,
    state: 'running',
    startedAt: at('2026-11-23T00:00:00Z'),
    dueAt: at('2026-11-23T01:00:00Z'),
    metAt: null,
    pausedAt: null,
    pausedMs: 0,
    breached: false,
    escalationLevel: 2,
    ...v,
  });

describe('ClockPlan: clocks changed in memory, written in one statement', () => {
  it('writes nothing when nothing changed (a met clock is not met again)', () => {
    const plan = new ClockPlan(S, [clock(1, 'initial_feedback', { state: 'met' })]);
    plan.meet('initial_feedback', at('2026-11-23T00:30:00Z'));
    plan.moveDue('dispatch', at('2026-11-24T00:00:00Z'));
    expect(plan.upsert(false)).toBeNull();
  });

  it('meets late as breached, and a paused clock as of its pause', () => {
    const late = clock(1, 'arrival');
    const paused = clock(2, 'completion', { state: 'paused', pausedAt: at('2026-11-23T00:50:00Z') });
    const plan = new ClockPlan(S, [late, paused]);
    plan.meet('arrival', at('2026-11-23T02:00:00Z'));
    plan.meet('completion', at('2026-11-23T02:00:00Z'));
    expect([late.state, late.breached, paused.state, paused.breached, paused.pausedAt]).toEqual(['met', true, 'met', false, null]);
  });

  it('restarts an existing clock in place and adds a new one: one upsert, new rows last, levels kept unless restarted', () => {
    const dispatch = clock(1, 'dispatch', { state: 'met' });
    const arrival = clock(2, 'arrival');
    const plan = new ClockPlan(S, [dispatch, arrival]);
    plan.start('initial_feedback', at('2026-11-23T03:00:00Z'), at('2026-11-23T02:00:00Z'));
    plan.start('dispatch', at('2026-11-23T02:02:00Z'), at('2026-11-23T02:00:00Z'));
    plan.moveDue('arrival', at('2026-11-23T05:00:00Z'));
    const sqlite = plan.upsert(false)!;
    expect(sqlite.sql).toMatch(/^INSERT INTO clocks \(id, .*\) VALUES \(.*\), \(.*\), \(.*\) ON CONFLICT\(id\) DO UPDATE SET state = excluded\.state/);
    const rows = [0, 1, 2].map((i) => sqlite.params.slice(i * 14, i * 14 + 14));
    // [id, …, name, state, started, due, …, escalation_level]
    expect(rows.map((r) => [r[0], r[5], r[6], r[13]])).toEqual([
      [1, 'dispatch', 'running', 0],
      [2, 'arrival', 'running', -1],
      [null, 'initial_feedback', 'running', 0],
    ]);
    expect(sqlite.fresh.map((c) => c.name)).toEqual(['initial_feedback']);
    expect(plan.upsert(true)!.sql).toMatch(/ON DUPLICATE KEY UPDATE state = VALUES\(state\).*escalation_level = CASE WHEN VALUES\(escalation_level\) < 0/);
  });

  it('pauses the running clocks and resumes them with the pause added to their due time', () => {
    const c = clock(1, 'arrival');
    const plan = new ClockPlan(S, [c, clock(2, 'dispatch', { state: 'met' })]);
    plan.pause(at('2026-11-23T00:30:00Z'));
    expect([c.state, c.pausedAt?.toISOString()]).toEqual(['paused', '2026-11-23T00:30:00.000Z']);
    plan.resume(at('2026-11-23T00:40:00Z'));
    expect([c.state, c.pausedMs, c.dueAt.toISOString()]).toEqual(['running', 600_000, '2026-11-23T01:10:00.000Z']);
  });

  it('cancels every open clock, or the named ones', () => {
    const a = clock(1, 'arrival');
    const b = clock(2, 'completion', { state: 'paused', pausedAt: at('2026-11-23T00:10:00Z') });
    const plan = new ClockPlan(S, [a, b]);
    plan.cancel(['arrival']);
    expect([a.state, b.state]).toEqual(['cancelled', 'paused']);
    plan.cancel();
    expect([b.state, b.pausedAt]).toEqual(['cancelled', null]);
  });
});
