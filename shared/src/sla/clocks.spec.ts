import { arrivalDue, dispatchDue, formatRemaining, initialFeedbackDue, remainingMs, resumeShift } from './clocks';
import { endOfShanghaiDay, shanghaiDayKey } from './shanghai-time';

const at = (iso: string) => new Date(iso);

describe('repair clocks', () => {
  it('critical 5 min, urgent 15 min from acceptance', () => {
    expect(arrivalDue('critical', at('2026-11-23T02:00:00Z')).toISOString()).toBe('2026-11-23T02:05:00.000Z');
    expect(arrivalDue('urgent', at('2026-11-23T02:00:00Z')).toISOString()).toBe('2026-11-23T02:15:00.000Z');
  });

  it('normal: by 24:00 Asia/Shanghai the same local day', () => {
    // 10:00 Shanghai → due 24:00 Shanghai = 16:00Z
    expect(arrivalDue('normal', at('2026-11-23T02:00:00Z')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    // 23:59 Shanghai (15:59Z) → still that day
    expect(arrivalDue('normal', at('2026-11-23T15:59:00Z')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    // 00:30 Shanghai on the 24th is 16:30Z on the 23rd → end of the 24th
    expect(arrivalDue('normal', at('2026-11-23T16:30:00Z')).toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });

  it('normal with an agreed visit time uses that time', () => {
    expect(arrivalDue('normal', at('2026-11-23T02:00:00Z'), at('2026-11-25T06:00:00Z')).toISOString()).toBe('2026-11-25T06:00:00.000Z');
  });

  it('dispatch within 2 min; initial feedback within 1 h, emergencies at once', () => {
    expect(dispatchDue(at('2026-11-23T02:00:00Z')).toISOString()).toBe('2026-11-23T02:02:00.000Z');
    expect(initialFeedbackDue(at('2026-11-23T02:00:00Z'), false).toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(initialFeedbackDue(at('2026-11-23T02:00:00Z'), true).toISOString()).toBe('2026-11-23T02:05:00.000Z');
  });

  it('pause and resume move the due time by the pause', () => {
    const r = resumeShift(at('2026-11-23T02:15:00Z'), at('2026-11-23T02:05:00Z'), at('2026-11-23T03:05:00Z'));
    expect(r.pausedForMs).toBe(3600_000);
    expect(r.dueAt.toISOString()).toBe('2026-11-23T03:15:00.000Z');
  });

  it('remaining time freezes while paused and counts negative when overdue', () => {
    const now = at('2026-11-23T02:20:00Z');
    expect(remainingMs({ state: 'running', dueAt: '2026-11-23T02:15:00Z', pausedAt: null, metAt: null }, now)).toBe(-300_000);
    expect(remainingMs({ state: 'paused', dueAt: '2026-11-23T02:15:00Z', pausedAt: '2026-11-23T02:10:00Z', metAt: null }, now)).toBe(300_000);
    expect(formatRemaining(252_000)).toBe('还剩 4 分 12 秒');
    expect(formatRemaining(-180_000)).toBe('已超时 3 分 0 秒');
  });

  it('Shanghai day helpers', () => {
    expect(endOfShanghaiDay(at('2026-11-23T16:00:00Z')).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(shanghaiDayKey(at('2026-11-23T16:00:00Z'))).toBe('20261124');
    expect(shanghaiDayKey(at('2026-11-23T15:59:59Z'))).toBe('20261123');
  });
});
