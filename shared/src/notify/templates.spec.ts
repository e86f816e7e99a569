import { describe, expect, it } from '@jest/globals';
import { NotifyTemplate, RESIDENT_PROMPTS, RESIDENT_TEMPLATES, STAFF_TEMPLATES, staffSubscribeTemplates, wxSubscribable } from './templates';

describe('subscription prompts', () => {
  it('asks each staff role for at most 3 templates, the most urgent first', () => {
    expect(staffSubscribeTemplates(['manager'])).toEqual(['manager_critical_intake', 'clock_escalation', 'staff_complaint_class']);
    expect(staffSubscribeTemplates(['technician'])).toEqual(['staff_dispatched', 'clock_escalation']);
    expect(staffSubscribeTemplates(['agent'])).toEqual(['staff_new_ticket', 'clock_escalation']);
    expect(staffSubscribeTemplates(['cashier'])).toEqual([]);
    for (const roles of [['agent', 'supervisor', 'technician', 'manager'], ['supervisor'], ['guard']]) {
      const t = staffSubscribeTemplates(roles);
      expect(t.length).toBeLessThanOrEqual(3);
      for (const k of t) expect(STAFF_TEMPLATES).toContain(k);
    }
  });
  it('asks residents only for resident templates, ≤3 at once', () => {
    for (const keys of Object.values(RESIDENT_PROMPTS)) {
      expect(keys.length).toBeLessThanOrEqual(3);
      for (const k of keys) expect(RESIDENT_TEMPLATES).toContain(k);
    }
  });
  it('asks residents for every resident template somewhere (one never asked for never reaches WeChat)', () => {
    const asked = new Set(Object.values(RESIDENT_PROMPTS).flat());
    expect(RESIDENT_TEMPLATES.filter((k) => !asked.has(k))).toEqual([]);
  });
});

describe('wxSubscribable', () => {
  it('only templates users can subscribe to reach WeChat; the daily digest, the lockout notice, the binding consent request, the public-income notice and the fee requests are not', () => {
    const inboxOnly: string[] = [
      'manager_daily_digest',
      'account_locked',
      'binding_consent',
      'public_income_published',
      'fee_request_filed',
      'fee_request_decided',
      'meter_reading_held',
      'fee_reversed',
      'pay_refund_failed',
      'permit_filed',
      'new_resident_visit_due',
    ];
    for (const k of inboxOnly) expect(wxSubscribable(k)).toBe(false);
    expect(wxSubscribable('nope')).toBe(false);
    for (const k of Object.values(NotifyTemplate)) if (!inboxOnly.includes(k)) expect(wxSubscribable(k)).toBe(true);
  });
});
