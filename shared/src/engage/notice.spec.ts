import { wxTemplateData } from '../notify/wx-fields';
import { incomeNoticeText, noticeParagraphs, noticeProblems, outageLine, outageReminderDue, readShare } from './notice';
import { shanghaiMonth } from '../sla/shanghai-time';

const base = { kind: 'notice', title: '电梯保养', body: '本周六电梯保养', targetKind: 'community' };

describe('notices: validation', () => {
  it('accepts a plain community notice and refuses unknown kinds, empty texts and missing targets', () => {
    expect(noticeProblems(base)).toEqual([]);
    expect(noticeProblems({ ...base, kind: 'complaint_disclosure' }).map((p) => p.field)).toEqual(['kind']);
    expect(noticeProblems({ ...base, title: '  ', body: '' }).map((p) => p.field)).toEqual(['title', 'body']);
    expect(noticeProblems({ ...base, targetKind: 'building', targetIds: [] }).map((p) => p.field)).toEqual(['targetIds']);
    expect(noticeProblems({ ...base, targetKind: 'street' }).map((p) => p.field)).toEqual(['targetKind']);
  });

  it('an outage names the utility, both times, and ends after it starts', () => {
    const o = { ...base, kind: 'outage', utility: 'power', startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T09:00:00Z' };
    expect(noticeProblems(o)).toEqual([]);
    expect(noticeProblems({ ...o, utility: 'heat' }).map((p) => p.field)).toEqual(['utility']);
    expect(noticeProblems({ ...o, endsAt: o.startsAt }).map((p) => p.message)).toEqual(['结束时间必须晚于开始时间']);
    expect(noticeProblems({ ...o, startsAt: null, endsAt: 'x' }).map((p) => p.field)).toEqual(['startsAt', 'endsAt']);
  });
});

describe('notices: outage reminder and texts', () => {
  const starts = new Date('2026-12-05T01:00:00Z');
  it('is due within the hour before the start, not earlier, not once started', () => {
    expect(outageReminderDue(starts, new Date('2026-12-04T23:59:59Z'))).toBe(false);
    expect(outageReminderDue(starts, new Date('2026-12-05T00:00:00Z'))).toBe(true);
    expect(outageReminderDue(starts, new Date('2026-12-05T00:59:59Z'))).toBe(true);
    expect(outageReminderDue(starts, starts)).toBe(false);
  });

  it('says the outage in Shanghai time; a long title fits the WeChat thing field (20 UTF-16 units)', () => {
    expect(outageLine('power', starts, new Date('2026-12-05T09:00:00Z'))).toBe('停电：12月05日 09:00 至 12月05日 17:00');
    const d = wxTemplateData({ thing1: '1栋电力检修停电通知，请各位业主提前做好准备𠀀𠀀𠀀', time2: starts });
    expect(d.thing1.value.length).toBeLessThanOrEqual(20);
    expect(d.time2.value).toBe('2026年12月05日 09:00');
  });

  it('the Shanghai month turns at 16:00 UTC on the last day', () => {
    expect(shanghaiMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(shanghaiMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });
});

describe('notices: disclosures and receipts', () => {
  it('builds the quarterly public-income text from the rows', () => {
    const t = incomeNoticeText(
      '锦绣花园',
      '2026-Q3',
      [
        { category: '广告收益', incomeCents: 120_000, expenseCents: 0, note: '电梯广告' },
        { category: '公共车位', incomeCents: 30_050, expenseCents: 10_000, note: '' },
      ],
      { incomeCents: 150_050, expenseCents: 10_000, balanceCents: 140_050 },
    );
    expect(t.title).toBe('锦绣花园 2026年第3季度公共收益公示');
    expect(t.body).toContain('1. 广告收益：收入 ¥1,200.00，支出 ¥0.00（电梯广告）');
    expect(t.body).toContain('合计：收入 ¥1,500.50，支出 ¥100.00，结余 ¥1,400.50。');
  });

  it('read share is rooms read over rooms targeted, 0 when nobody is targeted', () => {
    expect(readShare(1, 4)).toBe(0.25);
    expect(readShare(0, 0)).toBe(0);
    expect(readShare(5, 4)).toBe(1);
  });

  it('keeps markup as text, one paragraph a line, no runs of empty lines', () => {
    expect(noticeParagraphs('<script>alert(1)</script>\r\n\n\n<img src=x onerror=alert(1)>')).toEqual([
      '<script>alert(1)</script>',
      '',
      '<img src=x onerror=alert(1)>',
    ]);
  });
});
