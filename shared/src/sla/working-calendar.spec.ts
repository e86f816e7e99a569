import { cnHolidayOverrides, cnWorkingCalendar } from './holidays-cn';
import {
  addCalendarDays,
  checkCalendarOverrides,
  endOfShanghaiDate,
  firstReplyDue,
  isCalendarDate,
  startOfShanghaiDate,
  weekdayOf,
  WorkingCalendar,
} from './working-calendar';

const at = (iso: string) => new Date(iso);
/** an Asia/Shanghai wall-clock time as an instant */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

const cal = cnWorkingCalendar();

describe('dates', () => {
  it('validates, moves and names weekdays of calendar dates', () => {
    expect(isCalendarDate('2025-02-28')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-9-1')).toBe(false);
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(weekdayOf('2025-10-01')).toBe(3);
    expect(weekdayOf('2026-02-14')).toBe(6);
  });

  it('a local day runs from 00:00 to 24:00 Asia/Shanghai (16:00Z the day before to 16:00Z)', () => {
    expect(iso(startOfShanghaiDate('2025-10-09'))).toBe('2025-10-08T16:00:00.000Z');
    expect(iso(endOfShanghaiDate('2025-10-09'))).toBe('2025-10-09T16:00:00.000Z');
  });
});

describe('working days', () => {
  it('plain weeks: Monday–Friday work, weekends off', () => {
    const plain = new WorkingCalendar([]);
    expect(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((d) => plain.isWorkingDay(d))).toEqual([true, true, true, true, true]);
    expect(plain.isWorkingDay('2026-11-21')).toBe(false);
    expect(plain.isWorkingDay('2026-11-22')).toBe(false);
  });

  it('public holidays on weekdays are off; make-up Saturdays and Sundays are working days', () => {
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, last day of 国庆中秋
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday make-up
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday make-up
    expect(cal.isWorkingDay('2025-10-12')).toBe(false); // the Sunday after is a plain Sunday
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday make-up before 春节
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Monday, last day of 春节
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-01-02')).toBe(false); // Friday inside 元旦
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // Sunday make-up
  });

  it('the local day of an instant decides: 23:59 and 00:00 Shanghai are different days', () => {
    expect(cal.isWorkingDayAt(sh('2025-09-30T23:59:00'))).toBe(true);
    expect(cal.isWorkingDayAt(sh('2025-10-01T00:00:00'))).toBe(false);
    expect(cal.isWorkingDayAt(at('2025-09-30T16:00:00Z'))).toBe(false); // = 10/1 00:00 Shanghai
  });

  it('nextWorkingDay skips holidays and lands on make-up days', () => {
    expect(cal.nextWorkingDay('2025-09-26')).toBe('2025-09-28');
    expect(cal.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-14');
    expect(cal.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
  });

  it('counts working days in a range', () => {
    expect(cal.countWorkingDays('2025-09-27', '2025-10-12')).toBe(6); // 9/28, 9/29, 9/30, 10/9, 10/10, 10/11
    expect(cal.countWorkingDays('2025-10-02', '2025-10-01')).toBe(0);
  });
});

describe('within n working days: 24:00 Shanghai of the n-th working day after the day of receipt', () => {
  it('an ordinary weekday: the day of receipt does not count', () => {
    // Tuesday 10:00 → Wed, Thu, Fri → Friday 24:00
    expect(iso(cal.writtenReplyDue(sh('2026-11-17T10:00:00')))).toBe('2026-11-20T16:00:00.000Z');
  });

  it('a weekend in between', () => {
    // Friday 10:00 → Mon, Tue, Wed
    expect(iso(cal.writtenReplyDue(sh('2026-11-20T10:00:00')))).toBe('2026-11-25T16:00:00.000Z');
    // received on Saturday or Sunday: the same three days
    expect(iso(cal.writtenReplyDue(sh('2026-11-21T09:00:00')))).toBe('2026-11-25T16:00:00.000Z');
    expect(iso(cal.writtenReplyDue(sh('2026-11-22T20:00:00')))).toBe('2026-11-25T16:00:00.000Z');
  });

  it('23:59 vs 00:00 Shanghai: one minute apart, one working day apart', () => {
    // Thursday 23:59 → Fri, Mon, Tue
    expect(iso(cal.writtenReplyDue(sh('2026-11-19T23:59:00')))).toBe('2026-11-24T16:00:00.000Z');
    // Friday 00:00 (= Thursday 16:00Z) → Mon, Tue, Wed
    expect(iso(cal.writtenReplyDue(at('2026-11-19T16:00:00Z')))).toBe('2026-11-25T16:00:00.000Z');
    // Friday 23:59 and Saturday 00:00 fall due together
    expect(iso(cal.writtenReplyDue(sh('2026-11-20T23:59:00')))).toBe(iso(cal.writtenReplyDue(sh('2026-11-21T00:00:00'))));
  });

  it('Friday evening before the 2025 National Day holiday: the make-up Sunday 9/28 counts, so it is due before the holiday', () => {
    // Fri 9/26 18:00 → Sun 9/28 (make-up), Mon 9/29, Tue 9/30 → 9/30 24:00
    expect(iso(cal.writtenReplyDue(sh('2025-09-26T18:00:00')))).toBe('2025-09-30T16:00:00.000Z');
  });

  it('the last evening before the 2025 National Day holiday: due on the make-up Saturday 10/11', () => {
    // Tue 9/30 18:00 → Thu 10/9, Fri 10/10, Sat 10/11 (make-up) → 10/11 24:00
    expect(iso(cal.writtenReplyDue(sh('2025-09-30T18:00:00')))).toBe('2025-10-11T16:00:00.000Z');
    // during the holiday: the same
    expect(iso(cal.writtenReplyDue(sh('2025-10-03T11:00:00')))).toBe('2025-10-11T16:00:00.000Z');
    // Mon 9/29 → 9/30, 10/9, 10/10
    expect(iso(cal.writtenReplyDue(sh('2025-09-29T09:00:00')))).toBe('2025-10-10T16:00:00.000Z');
  });

  it('Friday evening before the 2026 Spring Festival: the make-up Saturday 2/14, then after 2/23', () => {
    // Fri 2/13 18:00 → Sat 2/14 (make-up), Tue 2/24, Wed 2/25
    expect(iso(cal.writtenReplyDue(sh('2026-02-13T18:00:00')))).toBe('2026-02-25T16:00:00.000Z');
    // Sat 2/14 on the make-up day itself: that day does not count → 2/24, 2/25, 2/26
    expect(iso(cal.writtenReplyDue(sh('2026-02-14T10:00:00')))).toBe('2026-02-26T16:00:00.000Z');
  });

  it('Friday evening before the 2025 Spring Festival: make-up Sunday 1/26, Monday 1/27, then 2/5', () => {
    expect(iso(cal.writtenReplyDue(sh('2025-01-24T18:00:00')))).toBe('2025-02-05T16:00:00.000Z');
  });

  it('across the year boundary into a covered year: 2025-12-31 → 2026-01-04 (make-up Sunday), 1/5, 1/6', () => {
    expect(iso(cal.writtenReplyDue(sh('2025-12-31T10:00:00')))).toBe('2026-01-06T16:00:00.000Z');
    // 23:59 on New Year's Eve is still 12/31; 00:00 is 1/1 — both land on 1/6, since 1/1–1/3 are off
    expect(iso(cal.writtenReplyDue(sh('2025-12-31T23:59:00')))).toBe('2026-01-06T16:00:00.000Z');
    expect(iso(cal.writtenReplyDue(sh('2026-01-01T00:00:00')))).toBe('2026-01-06T16:00:00.000Z');
  });

  it('across the year boundary into a year not entered yet: weekends plus the fixed-date statutory days', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false); // Friday, 元旦
    expect(cal.isWorkingDay('2027-05-03')).toBe(true); // Monday, not a fixed statutory day
    // Thu 2026-12-31 → (1/1 元旦, 1/2–1/3 weekend) Mon 1/4, Tue 1/5, Wed 1/6
    expect(iso(cal.writtenReplyDue(sh('2026-12-31T15:00:00')))).toBe('2027-01-06T16:00:00.000Z');
    // without the fallback, 2027-01-01 would count
    const bare = new WorkingCalendar([]);
    expect(iso(bare.writtenReplyDue(sh('2026-12-31T15:00:00')))).toBe('2027-01-05T16:00:00.000Z');
  });

  it('addWorkingDays takes any positive n and refuses others', () => {
    expect(iso(cal.addWorkingDays(sh('2025-09-26T18:00:00'), 1))).toBe('2025-09-28T16:00:00.000Z');
    expect(iso(cal.addWorkingDays(sh('2025-09-26T18:00:00'), 5))).toBe('2025-10-10T16:00:00.000Z');
    expect(() => cal.addWorkingDays(sh('2025-09-26T18:00:00'), 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(sh('2025-09-26T18:00:00'), 1.5)).toThrow(RangeError);
  });

  it('nextWorkingDayStart: 00:00 Shanghai of the first working day after the local day', () => {
    expect(iso(cal.nextWorkingDayStart(sh('2025-09-26T18:00:00')))).toBe('2025-09-27T16:00:00.000Z'); // 9/28 00:00
    expect(iso(cal.nextWorkingDayStart(sh('2025-09-30T23:59:00')))).toBe('2025-10-08T16:00:00.000Z'); // 10/9 00:00
    expect(iso(cal.nextWorkingDayStart(sh('2026-11-17T08:00:00')))).toBe('2026-11-17T16:00:00.000Z'); // Wed 00:00
  });
});

describe('first reply', () => {
  it('is one hour of calendar time, nights, weekends and holidays included', () => {
    expect(iso(firstReplyDue(sh('2025-10-01T02:00:00')))).toBe('2025-09-30T19:00:00.000Z'); // 10/1 03:00
    expect(iso(firstReplyDue(sh('2026-11-21T23:30:00')))).toBe('2026-11-21T16:30:00.000Z'); // Sun 00:30
  });
});

describe('overrides', () => {
  it('a Monday–Friday workday is flagged; conflicts and bad dates too', () => {
    expect(
      checkCalendarOverrides([
        { date: '2025-09-28', kind: 'workday' },
        { date: '2025-09-29', kind: 'workday' },
        { date: '2025-10-04', kind: 'off' },
        { date: '2025-10-04', kind: 'off' },
        { date: '2025-10-05', kind: 'off' },
        { date: '2025-10-05', kind: 'workday' },
        { date: '2025-13-01', kind: 'off' },
      ]),
    ).toEqual([
      { date: '2025-09-29', problem: 'redundant_workday' },
      { date: '2025-10-04', problem: 'duplicate' },
      { date: '2025-10-05', problem: 'conflict' },
      { date: '2025-13-01', problem: 'invalid_date' },
    ]);
  });

  it('the calendar refuses conflicting or invalid overrides', () => {
    expect(
      () =>
        new WorkingCalendar([
          { date: '2025-10-05', kind: 'off' },
          { date: '2025-10-05', kind: 'workday' },
        ]),
    ).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ date: '2025-02-30', kind: 'off' }])).toThrow(RangeError);
  });

  it('the admin-edited list is what counts (e.g. the seed plus a local day off)', () => {
    const edited = cnWorkingCalendar([...cnHolidayOverrides(), { date: '2026-11-20', kind: 'off', name: '台风停工' }]);
    expect(edited.isWorkingDay('2026-11-20')).toBe(false);
    expect(edited.isWorkingDay('2026-10-10')).toBe(true);
    expect(edited.covers(2026)).toBe(true);
    expect(iso(edited.writtenReplyDue(sh('2026-11-19T10:00:00')))).toBe('2026-11-25T16:00:00.000Z');
  });

  it('with no working day in sight it throws instead of looping', () => {
    const days: { date: string; kind: 'off' }[] = [];
    for (let d = '2030-01-01'; d <= '2032-12-31'; d = addCalendarDays(d, 1)) days.push({ date: d, kind: 'off' });
    expect(() => new WorkingCalendar(days).nextWorkingDay('2030-01-01')).toThrow(RangeError);
  });
});
