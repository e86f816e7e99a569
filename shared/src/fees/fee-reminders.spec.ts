import { wxTemplateData } from '../notify/wx-fields';
import { lineAudience, relationAudience, reminderText } from './fee-reminders';

describe('fee reminders', () => {
  it('go to who pays: owner lines to the household, occupant lines to the tenant when there is one', () => {
    expect(lineAudience('owner', true)).toBe('household');
    expect(lineAudience('owner', false)).toBe('household');
    expect(lineAudience('occupant', true)).toBe('tenant');
    expect(lineAudience('occupant', false)).toBe('household');
    expect(['owner', 'family', 'tenant'].map(relationAudience)).toEqual(['household', 'household', 'tenant']);
  });

  const facts = { roomLabel: '1栋1单元101', periodLabel: '2026年10月', items: ['物业服务费', '公共能耗分摊'], totalCents: 17_912, dueDate: '2026-11-15' };

  it('texts say the room, the items, the amount and the date', () => {
    expect(reminderText('issued', facts)).toEqual(
      expect.objectContaining({
        title: '2026年10月账单已出',
        body: '1栋1单元101 2026年10月账单已出：物业服务费、公共能耗分摊，合计 ¥179.12，请于 2026-11-15 前缴纳。',
      }),
    );
    expect(reminderText('due_soon', facts).body).toBe('1栋1单元101 的物业服务费、公共能耗分摊共 ¥179.12 将于 2026-11-15 到期，逾期将按规定收取滞纳金。');
    expect(reminderText('overdue', { ...facts, lateFeeCents: 89 }).body).toBe(
      '1栋1单元101 的物业服务费、公共能耗分摊已逾期（2026-11-15 到期），当前应缴 ¥179.12（含滞纳金 ¥0.89），请尽快缴纳。',
    );
    expect(reminderText('issued', { ...facts, items: ['a', 'b', 'c', 'd', 'a'] }).body).toContain('a、b、c等 4 项');
  });

  it('WeChat fields fit: thing ≤ 20 UTF-16 units, amount in yuan, date', () => {
    const data = wxTemplateData(reminderText('overdue', { ...facts, roomLabel: '𠀀𠀀栋12单元1201', items: ['物业服务费', '公共能耗分摊', '地下车位租金'] }).wx);
    expect(data.thing1.value.length).toBeLessThanOrEqual(20);
    expect(data.amount2.value).toBe('179.12元');
    expect(data.date3.value).toBe('2026年11月15日');
    expect(data.thing4.value.length).toBeLessThanOrEqual(20);
  });
});
