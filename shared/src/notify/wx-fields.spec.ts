import { wxFieldKind, wxTemplateData, wxValue } from './wx-fields';
import { backoffMs, DEFAULT_LADDER, ladderLevelAt, ladderTimes } from './delivery-policy';

describe('WeChat subscribe-message field formatter', () => {
  it('thing: at most 20 characters, cut with an ellipsis, whitespace folded', () => {
    expect(wxValue('thing', '厨房水龙头漏水')).toBe('厨房水龙头漏水');
    const long = '一二三四五六七八九十一二三四五六七八九十多出来的';
    const v = wxValue('thing', long);
    expect(Array.from(v)).toHaveLength(20);
    expect(v.endsWith('…')).toBe(true);
    expect(wxValue('thing', 'a\n\nb')).toBe('a b');
  });
  it('cuts by code point, never half an emoji', () => {
    const v = wxValue('thing', '😀'.repeat(30));
    expect(Array.from(v)).toHaveLength(20);
    expect(v).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
  it('phrase: at most 5 Chinese characters, nothing else', () => {
    expect(wxValue('phrase', '已受理')).toBe('已受理');
    expect(wxValue('phrase', 'OK已派单给师傅了')).toBe('已派单给师');
    expect(wxValue('phrase', 'done')).toBe('无');
  });
  it('character_string: at most 32 of [0-9A-Za-z] and symbols, no Chinese', () => {
    expect(wxValue('character_string', 'JXHY-20261123-0001')).toBe('JXHY-20261123-0001');
    expect(wxValue('character_string', '单号JX_1')).toBe('JX_1');
    expect(wxValue('character_string', 'x'.repeat(40))).toHaveLength(32);
  });
  it('time and date in Asia/Shanghai', () => {
    expect(wxValue('time', '2026-11-23T02:05:00Z')).toBe('2026年11月23日 10:05');
    expect(wxValue('date', new Date('2026-11-23T17:00:00Z'))).toBe('2026年11月24日');
    expect(wxValue('time', 'not a date')).toBe('-');
  });
  it('amount from integer cents', () => {
    expect(wxValue('amount', 1250)).toBe('12.50元');
  });
  it('never empty (47003): every type has a placeholder', () => {
    for (const k of [
      'thing',
      'phrase',
      'character_string',
      'number',
      'letter',
      'symbol',
      'time',
      'date',
      'amount',
      'phone_number',
      'car_number',
      'name',
    ] as const) {
      expect(wxValue(k, '').length).toBeGreaterThan(0);
      expect(wxValue(k, null).length).toBeGreaterThan(0);
    }
  });
  it('template data by keyword type', () => {
    expect(wxFieldKind('character_string12')).toBe('character_string');
    expect(wxTemplateData({ thing1: '漏水', phrase2: '已派单', time3: '2026-11-23T02:05:00Z' })).toEqual({
      thing1: { value: '漏水' },
      phrase2: { value: '已派单' },
      time3: { value: '2026年11月23日 10:05' },
    });
  });
});

describe('retry backoff', () => {
  it('doubles per attempt, capped, with jitter in [½, 1]', () => {
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    for (let i = 0; i < 50; i++) {
      const v = backoffMs(4, 1000, 60_000);
      expect(v).toBeGreaterThanOrEqual(4000);
      expect(v).toBeLessThanOrEqual(8000);
    }
  });
});

describe('escalation ladder', () => {
  const c = { startedAt: new Date('2026-11-23T02:00:00Z'), dueAt: new Date('2026-11-23T02:15:00Z'), pausedMs: 0 };
  it('level 1 at due, level 2 at due + 50%, level 3 at due + 100% of the allowed time', () => {
    expect(ladderTimes(c, DEFAULT_LADDER).map((d) => d.toISOString())).toEqual([
      '2026-11-23T02:15:00.000Z',
      '2026-11-23T02:22:30.000Z',
      '2026-11-23T02:30:00.000Z',
    ]);
    expect(ladderLevelAt(c, DEFAULT_LADDER, new Date('2026-11-23T02:14:59Z'))).toBe(0);
    expect(ladderLevelAt(c, DEFAULT_LADDER, new Date('2026-11-23T02:15:00Z'))).toBe(1);
    expect(ladderLevelAt(c, DEFAULT_LADDER, new Date('2026-11-23T02:25:00Z'))).toBe(2);
    expect(ladderLevelAt(c, DEFAULT_LADDER, new Date('2026-11-24T00:00:00Z'))).toBe(3);
  });
  it('paused time does not count as allowed time; the policy is configurable', () => {
    const paused = { ...c, dueAt: new Date('2026-11-23T02:25:00Z'), pausedMs: 10 * 60_000 };
    expect(ladderTimes(paused, { level2Pct: 100, level3Pct: 200 }).map((d) => d.toISOString())).toEqual([
      '2026-11-23T02:25:00.000Z',
      '2026-11-23T02:40:00.000Z',
      '2026-11-23T02:55:00.000Z',
    ]);
  });
});
