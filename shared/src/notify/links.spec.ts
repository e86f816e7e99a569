import { describe, expect, it } from '@jest/globals';
import { notificationPage } from './links';

describe('notificationPage', () => {
  it('maps ticket links to the detail pages both apps have', () => {
    expect(notificationPage('/repairs/12')).toBe('pages-repair/detail/index?id=12');
    expect(notificationPage('/complaints/7')).toBe('pages-complaint/detail/index?id=7');
    expect(notificationPage('/visits/new-residents', 'staff')).toBe('pages-visits/tasks/index');
  });
  it('gives null for no link and for links the apps do not know', () => {
    expect(notificationPage(null)).toBeNull();
    expect(notificationPage('')).toBeNull();
    expect(notificationPage('/repairs/abc')).toBeNull();
    expect(notificationPage('/repairs/12/extra')).toBeNull();
    expect(notificationPage('https://evil.example/repairs/1')).toBeNull();
  });
  it('maps the staff list links of an escalation summary to the staff inboxes', () => {
    expect(notificationPage('/repairs?breached=1')).toBe('pages-repair/inbox/index?tab=breached');
    expect(notificationPage('/complaints')).toBe('pages-complaint/inbox/index');
    expect(notificationPage('/bindings/consents')).toBe('pages-room/consents/index');
    expect(notificationPage('/fees/public-income')).toBe('pages-fees/income/index');
    expect(notificationPage('/passes/items/consents')).toBe('pages-passes/item-consents/index');
    expect(notificationPage('/passes/items')).toBe('pages-passes/item-apply/index');
    expect(notificationPage('/fees/rooms/12')).toBe('pages-fees/bills/index?roomId=12');
    expect(notificationPage('/fees/rooms/x')).toBeNull();
    expect(notificationPage('/repairs?breached=0')).toBeNull();
    expect(notificationPage('toString')).toBeNull();
  });
  it('opens a receipt in each app’s own page: the resident’s 缴费凭证, the cashier’s printable receipt', () => {
    expect(notificationPage('/payments/5')).toBe('pages-fees/receipt/index?id=5');
    expect(notificationPage('/payments/5', 'resident')).toBe('pages-fees/receipt/index?id=5');
    expect(notificationPage('/payments/5', 'staff')).toBe('pages-cashier/receipt/index?id=5');
    expect(notificationPage('/payments/x', 'staff')).toBeNull();
  });
  it('opens every link a report drill row can carry in the staff app; a visit has no resident page', () => {
    expect(notificationPage('/repairs/3', 'staff')).toBe('pages-repair/detail/index?id=3');
    expect(notificationPage('/complaints/4', 'staff')).toBe('pages-complaint/detail/index?id=4');
    expect(notificationPage('/passes/5', 'staff')).toBe('pages-passes/detail/index?id=5');
    expect(notificationPage('/notices/6', 'staff')).toBe('pages-notice/detail/index?id=6');
    expect(notificationPage('/visits/7', 'staff')).toBe('pages-visits/visit/index?id=7');
    expect(notificationPage('/visits/7')).toBeNull();
    expect(notificationPage('/visits/x', 'staff')).toBeNull();
  });
});
