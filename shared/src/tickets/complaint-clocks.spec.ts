import { cnWorkingCalendar } from '../sla/holidays-cn';
import { clocksMetBy, complaintClocksAtIntake, receivedAtError, resolutionClock, writtenReplyClock } from './complaint-clocks';

const sh = (local: string) => new Date(`${local}+08:00`);
const cal = cnWorkingCalendar();
const view = (c: { name: string; startedAt: Date; dueAt: Date }) => [c.name, c.startedAt.toISOString(), c.dueAt.toISOString()];

describe('complaint clocks', () => {
  it('first reply in 1 hour; the written reply only when asked for, 3 working days', () => {
    const received = sh('2025-09-30T18:00:00');
    expect(complaintClocksAtIntake(received, cal).map(view)).toEqual([['first_reply', '2025-09-30T10:00:00.000Z', '2025-09-30T11:00:00.000Z']]);
    expect(complaintClocksAtIntake(received, cal, { writtenReplyRequested: true }).map(view)).toEqual([
      ['first_reply', '2025-09-30T10:00:00.000Z', '2025-09-30T11:00:00.000Z'],
      ['written_reply', '2025-09-30T10:00:00.000Z', '2025-10-11T16:00:00.000Z'],
    ]);
  });

  it('a written reply asked for later runs from the request', () => {
    expect(view(writtenReplyClock(sh('2026-11-20T09:00:00'), cal))).toEqual(['written_reply', '2026-11-20T01:00:00.000Z', '2026-11-25T16:00:00.000Z']);
  });

  it('resolution due at 24:00 Shanghai of the date the owner sets', () => {
    expect(view(resolutionClock(sh('2026-11-20T09:00:00'), '2026-11-27'))).toEqual(['resolution', '2026-11-20T01:00:00.000Z', '2026-11-27T16:00:00.000Z']);
  });

  it('paper back-fill: received earlier than now is fine, later is not', () => {
    const now = sh('2026-11-20T09:00:00');
    expect(receivedAtError(sh('2026-11-18T16:30:00'), now)).toBeNull();
    expect(receivedAtError(now, now)).toBeNull();
    expect(receivedAtError(sh('2026-11-20T09:01:00'), now)).toBe('received_in_future');
    expect(receivedAtError(new Date('nope'), now)).toBe('received_invalid');
  });

  it('paper back-fill: at most the window back (30 days by default), so 1970-01-01 cannot be born escalated', () => {
    const now = sh('2026-11-20T09:00:00');
    expect(receivedAtError(sh('2026-10-21T09:00:00'), now)).toBeNull();
    expect(receivedAtError(sh('2026-10-21T08:59:00'), now)).toBe('received_too_old');
    expect(receivedAtError(new Date('1970-01-01T00:00:00Z'), now)).toBe('received_too_old');
    expect(receivedAtError(sh('2026-10-21T08:59:00'), now, 90)).toBeNull();
    expect(receivedAtError(sh('2026-11-19T08:59:00'), now, 1)).toBe('received_too_old');
  });

  it('a back-filled complaint is timed from receipt, so it can be overdue from the start', () => {
    const [first] = complaintClocksAtIntake(sh('2026-11-18T16:30:00'), cal);
    expect(first.dueAt.getTime()).toBeLessThan(sh('2026-11-20T09:00:00').getTime());
  });

  it('which actions meet which clocks', () => {
    expect(clocksMetBy('reply')).toEqual(['first_reply']);
    expect(clocksMetBy('reply', { written: true })).toEqual(['first_reply', 'written_reply']);
    expect(clocksMetBy('resolve')).toEqual(['first_reply', 'resolution']);
    expect(clocksMetBy('follow_up')).toEqual([]);
  });
});
