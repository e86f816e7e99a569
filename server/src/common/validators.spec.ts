import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { IsCalendarDate, IsInstant, NotBefore, OptionalText, Text } from './validators';

class Probe {
  @IsOptional() @IsCalendarDate() from?: string;
  @IsOptional() @IsCalendarDate() @NotBefore('from') to?: string;
  @IsOptional() @IsInstant() at?: string;
  @IsOptional() @Text(5) name?: string;
  @OptionalText(5) note?: string;
}

const check = (plain: Record<string, unknown>) => {
  const o = plainToInstance(Probe, plain);
  const errors = validateSync(o, { whitelist: true, forbidNonWhitelisted: true });
  return { o, problems: errors.flatMap((e) => Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field: e.property, rule, message }))) };
};

describe('DTO validators', () => {
  it('calendar dates: real ones pass; 2026-02-30, 2026-99-99 and to < from fail with a zh-CN message', () => {
    expect(check({ from: '2026-02-01', to: '2026-02-28' }).problems).toEqual([]);
    const bad = check({ from: '2026-99-99', to: '2026-02-30' }).problems;
    expect(bad.map((p) => [p.field, p.rule])).toEqual([
      ['from', 'isCalendarDate'],
      ['to', 'isCalendarDate'],
    ]);
    expect(bad[0].message).toBe('「from」必须是有效日期（YYYY-MM-DD），如 2026-11-20');
    expect(check({ from: '2026-03-02', to: '2026-03-01' }).problems).toEqual([{ field: 'to', rule: 'notBefore', message: '「to」不能早于「from」' }]);
  });

  it('instants: normalized to UTC ISO; impossible ones refused, not shifted', () => {
    expect(check({ at: '2026-11-20T09:30:00+08:00' }).o.at).toBe('2026-11-20T01:30:00.000Z');
    for (const at of ['2026-02-30T10:00:00Z', '0001-01-01', '2026-W05', 20261120]) {
      const r = check({ at });
      expect([at, r.problems.map((p) => p.rule)]).toEqual([at, ['isInstant']]);
      expect(r.o.at).toBe(at);
    }
  });

  it('text: trimmed; whitespace alone is empty (refused when required, dropped when optional)', () => {
    expect(check({ name: '  漏水 \u3000' }).o.name).toBe('漏水');
    expect(check({ name: ' \u3000\t\u200b ' }).problems).toEqual([{ field: 'name', rule: 'isLength', message: '「name」不能为空' }]);
    expect(check({ name: '123456' }).problems.map((p) => p.message)).toEqual(['「name」最多 5 个字']);
    expect(check({ name: 42 }).problems.map((p) => p.rule)).toContain('isString');
    const note = check({ note: '   ' });
    expect(note.problems).toEqual([]);
    expect(note.o.note).toBeUndefined();
    expect(check({ note: ' 好 ' }).o.note).toBe('好');
  });
});
