import { cutUtf16, WX_FIELD_LIMITS, wxFieldKind, wxTemplateData, wxValue } from './wx-fields';
import { backoffMs, DEFAULT_LADDER, ladderLevelAt, ladderTimes } from './delivery-policy';

describe('WeChat subscribe-message field formatter', () => {
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const emoji = /\p{Extended_Pictographic}|\u200d|\ufe0f/u;
  it('thing: at most 20 UTF-16 units, cut with an ellipsis, whitespace folded', () => {
    expect(wxValue('thing', '厨房水龙头漏水')).toBe('厨房水龙头漏水');
    const long = '一二三四五六七八九十一二三四五六七八九十多出来的';
    const v = wxValue('thing', long);
    expect(v).toHaveLength(20);
    expect(v).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(wxValue('thing', '一二三四五六七八九十一二三四五六七八九十')).toHaveLength(20);
    expect(wxValue('thing', 'a\n\nb')).toBe('a b');
    expect(wxValue('thing', 'a\tb\u0000c')).toBe('a bc');
  });
  it('thing: emoji, ZWJ sequences, skin tones and variation selectors are dropped, the rest kept', () => {
    expect(wxValue('thing', '😀'.repeat(30))).toBe('无');
    expect(wxValue('thing', '水管爆了😭😭快来👨‍👩‍👧‍👦！')).toBe('水管爆了快来！');
    expect(wxValue('thing', '👍🏽好的❤️ 谢谢🙏')).toBe('好的 谢谢');
    expect(wxValue('thing', '1️⃣号楼漏水')).toBe('1号楼漏水');
    const mixed = wxValue('thing', '🚨🚨3栋2单元🔥厨房🔥水管漏水已经两天了请尽快处理🙏🙏谢谢');
    expect(mixed.length).toBeLessThanOrEqual(20);
    expect(mixed).toBe('3栋2单元厨房水管漏水已经两天了请尽快…');
    expect(mixed).not.toMatch(emoji);
  });
  it('thing: CJK extension B counts two units and is never cut in half', () => {
    // 19 units of BMP text + 𠀀 (2 units) does not fit: cut before it, ellipsis in the 20th unit
    const v = wxValue('thing', '一'.repeat(18) + '𠀀' + '二');
    expect(v).toBe('一'.repeat(18) + '…');
    expect(v.length).toBeLessThanOrEqual(20);
    expect(wxValue('thing', '𠀀'.repeat(10))).toBe('𠀀'.repeat(10));
    const w = wxValue('thing', '𠀀'.repeat(11));
    expect(w).toBe('𠀀'.repeat(9) + '…');
    expect(w).not.toMatch(lone);
    for (let n = 15; n < 25; n++) {
      const x = wxValue('thing', 'a' + '𠀀'.repeat(n));
      expect(x.length).toBeLessThanOrEqual(20);
      expect(x).not.toMatch(lone);
    }
  });
  it('cutUtf16 never leaves half a surrogate pair, at every limit', () => {
    const s = '好😀𠀀a👨‍👩‍👧'.repeat(4);
    for (let n = 1; n <= 30; n++) {
      const c = cutUtf16(s, n, false);
      expect(c.length).toBeLessThanOrEqual(n);
      expect(c).not.toMatch(lone);
      expect(s.startsWith(c)).toBe(true);
    }
  });
  it('phrase: at most 5 汉字 (in units), nothing else', () => {
    expect(wxValue('phrase', '已受理')).toBe('已受理');
    expect(wxValue('phrase', 'OK已派单给师傅了')).toBe('已派单给师');
    expect(wxValue('phrase', '已😀派单')).toBe('已派单');
    expect(wxValue('phrase', '𠀀𠀀𠀀')).toBe('𠀀𠀀');
    expect(wxValue('phrase', 'done')).toBe('无');
  });
  it('character_string: at most 32 of [0-9A-Za-z] and ASCII symbols, no 汉字, no emoji', () => {
    expect(wxValue('character_string', 'JXHY-20261123-0001')).toBe('JXHY-20261123-0001');
    expect(wxValue('character_string', '单号JX_1😀')).toBe('JX_1');
    expect(wxValue('character_string', 'bench#12')).toBe('bench#12');
    expect(wxValue('character_string', 'x'.repeat(40))).toHaveLength(32);
    expect(wxValue('character_string', 'a b')).toBe('ab');
  });
  it('number, letter, symbol, phone, car number and name', () => {
    expect(wxValue('number', 12)).toBe('12');
    expect(wxValue('number', '3.50 元')).toBe('3.50');
    expect(wxValue('number', '1'.repeat(40))).toHaveLength(32);
    expect(wxValue('letter', 'ab1c😀')).toBe('abc');
    expect(wxValue('symbol', '!!😀??-')).toBe('!!??-');
    expect(wxValue('phone_number', '+86 138-0013-8000 😀')).toBe('+86138-0013-8000');
    expect(wxValue('car_number', '粤A 8Z888挂')).toBe('粤A8Z888挂');
    expect(wxValue('car_number', '粤A8Z8汉88')).toBe('粤A8Z888');
    expect(wxValue('name', '赵师傅😀')).toBe('赵师傅');
    expect(wxValue('name', '欧阳一二三四五六七八九')).toBe('欧阳一二三四五六七八');
    expect(wxValue('name', '𠀀'.repeat(6))).toBe('𠀀'.repeat(5));
    expect(wxValue('name', 'John Smith')).toBe('JohnSmith');
  });
  it('time and date in Asia/Shanghai', () => {
    expect(wxValue('time', '2026-11-23T02:05:00Z')).toBe('2026年11月23日 10:05');
    expect(wxValue('date', new Date('2026-11-23T17:00:00Z'))).toBe('2026年11月24日');
    expect(wxValue('time', 'not a date')).toBe('-');
  });
  it('amount from integer cents', () => {
    expect(wxValue('amount', 1250)).toBe('12.50元');
    expect(wxValue('amount', -5)).toBe('0元');
  });
  it('never empty (47003) and never over the limit: every type, emoji and extension-B input', () => {
    const inputs = ['', null, '😀👨‍👩‍👧‍👦', '𠀀'.repeat(40), '厨房🔥漏水'.repeat(10), 'A1-#'.repeat(20), '\n\t'];
    for (const k of Object.keys(WX_FIELD_LIMITS) as (keyof typeof WX_FIELD_LIMITS)[]) {
      for (const raw of inputs) {
        const v = wxValue(k, raw);
        expect(v.length).toBeGreaterThan(0);
        expect(v.length).toBeLessThanOrEqual(WX_FIELD_LIMITS[k]);
        expect(v).not.toMatch(lone);
        expect(v).not.toMatch(emoji);
        expect(v).not.toMatch(/\p{Cc}/u);
      }
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
  const c = { startedAt: new Date('2026-11-23T02:00:00Z'), dueAt: new Date('2026-11-23T03:00:00Z'), pausedMs: 0 };
  const at = (iso: string) => new Date(iso);
  it('level 1 at due, level 2 at due + 50%, level 3 at due + 100% of the allowed time (a 60-minute clock)', () => {
    expect(ladderTimes(c, DEFAULT_LADDER).map((d) => d.toISOString())).toEqual([
      '2026-11-23T03:00:00.000Z',
      '2026-11-23T03:30:00.000Z',
      '2026-11-23T04:00:00.000Z',
    ]);
    expect(ladderLevelAt(c, DEFAULT_LADDER, at('2026-11-23T02:59:59Z'))).toBe(0);
    expect(ladderLevelAt(c, DEFAULT_LADDER, at('2026-11-23T03:00:00Z'))).toBe(1);
    expect(ladderLevelAt(c, DEFAULT_LADDER, at('2026-11-23T03:35:00Z'))).toBe(2);
    expect(ladderLevelAt(c, DEFAULT_LADDER, at('2026-11-24T00:00:00Z'))).toBe(3);
  });
  it('short clocks have floors: a 2-minute clock reaches level 2 after 15 min and level 3 after 60 min past due', () => {
    const short = { startedAt: at('2026-11-23T02:00:00Z'), dueAt: at('2026-11-23T02:02:00Z'), pausedMs: 0 };
    expect(ladderTimes(short, DEFAULT_LADDER).map((d) => d.toISOString())).toEqual([
      '2026-11-23T02:02:00.000Z',
      '2026-11-23T02:17:00.000Z',
      '2026-11-23T03:02:00.000Z',
    ]);
    expect(ladderLevelAt(short, DEFAULT_LADDER, at('2026-11-23T02:04:00Z'))).toBe(1); // was 3 without floors
    expect(ladderLevelAt(short, DEFAULT_LADDER, at('2026-11-23T02:16:59Z'))).toBe(1);
    expect(ladderLevelAt(short, DEFAULT_LADDER, at('2026-11-23T02:17:00Z'))).toBe(2);
    expect(ladderLevelAt(short, DEFAULT_LADDER, at('2026-11-23T03:01:59Z'))).toBe(2);
    expect(ladderLevelAt(short, DEFAULT_LADDER, at('2026-11-23T03:02:00Z'))).toBe(3);
    // 15-minute clock: level 2 = max(7.5, 15) min, level 3 = max(15, 60) min
    const q = { startedAt: at('2026-11-23T02:00:00Z'), dueAt: at('2026-11-23T02:15:00Z'), pausedMs: 0 };
    expect(ladderTimes(q, DEFAULT_LADDER).map((d) => d.toISOString())).toEqual([
      '2026-11-23T02:15:00.000Z',
      '2026-11-23T02:30:00.000Z',
      '2026-11-23T03:15:00.000Z',
    ]);
    // a long clock is above both floors: the percentages rule
    const day = { startedAt: at('2026-11-23T00:00:00Z'), dueAt: at('2026-11-24T00:00:00Z'), pausedMs: 0 };
    expect(ladderTimes(day, DEFAULT_LADDER).map((d) => d.toISOString())).toEqual([
      '2026-11-24T00:00:00.000Z',
      '2026-11-24T12:00:00.000Z',
      '2026-11-25T00:00:00.000Z',
    ]);
  });
  it('floors are per policy; 0 turns them off; level 3 never fires before level 2', () => {
    const short = { startedAt: at('2026-11-23T02:00:00Z'), dueAt: at('2026-11-23T02:02:00Z'), pausedMs: 0 };
    expect(ladderTimes(short, { level2Pct: 50, level3Pct: 100, level2MinMinutes: 0, level3MinMinutes: 0 }).map((d) => d.toISOString())).toEqual([
      '2026-11-23T02:02:00.000Z',
      '2026-11-23T02:03:00.000Z',
      '2026-11-23T02:04:00.000Z',
    ]);
    expect(ladderTimes(short, { level2Pct: 50, level3Pct: 100, level2MinMinutes: 30, level3MinMinutes: 10 })[2].toISOString()).toBe('2026-11-23T02:32:00.000Z');
  });
  it('paused time does not count as allowed time; the policy is configurable', () => {
    const paused = { ...c, dueAt: new Date('2026-11-23T03:10:00Z'), pausedMs: 10 * 60_000 };
    expect(ladderTimes(paused, { level2Pct: 100, level3Pct: 200 }).map((d) => d.toISOString())).toEqual([
      '2026-11-23T03:10:00.000Z',
      '2026-11-23T04:10:00.000Z',
      '2026-11-23T05:10:00.000Z',
    ]);
  });
});
