import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CLASS_OWNER_ROLE,
  COMPLAINT_KIND_PREFIX,
  ComplaintCategory,
  complaintKindOfNumber,
  complaintOwnerRole,
  inMonthlyDisclosure,
  reporterIdentityVisible,
  suggestComplaintClass,
  categoriesOfKind,
  categoryRequired,
  COMPLAINT_KINDS,
  ComplaintKind,
  isCategoryOfKind,
  KIND_WORDING,
} from './complaint-kinds';

describe('complaint kinds', () => {
  it('number prefixes TS / JY / ZX / BY, and back', () => {
    expect(COMPLAINT_KIND_PREFIX).toEqual({ complaint: 'TS', suggestion: 'JY', inquiry: 'ZX', praise: 'BY' });
    expect(complaintKindOfNumber('TS-20261123-0042')).toBe('complaint');
    expect(complaintKindOfNumber('BY-20261123-0001')).toBe('praise');
    expect(complaintKindOfNumber('BX-20261123-0042')).toBeNull();
  });

  it('class → owner role: 1 agent (首问负责制), 2 supervisor, 3 manager', () => {
    expect(COMPLAINT_CLASS_OWNER_ROLE).toEqual({ 1: 'agent', 2: 'supervisor', 3: 'manager' });
    expect(complaintOwnerRole(2)).toBe('supervisor');
  });

  it('category → suggested class', () => {
    expect(suggestComplaintClass('service_attitude')).toBe(1);
    expect(suggestComplaintClass('work_not_done')).toBe(1);
    expect(suggestComplaintClass('repair_quality')).toBe(1);
    expect(suggestComplaintClass('house_quality')).toBe(2);
    expect(suggestComplaintClass('supporting_facilities')).toBe(2);
    expect(suggestComplaintClass('outside_environment')).toBe(3);
    expect(suggestComplaintClass('municipal_facilities')).toBe(3);
    expect(suggestComplaintClass('other')).toBe(1);
    expect(suggestComplaintClass(null)).toBe(1);
    expect(suggestComplaintClass('nonsense' as ComplaintCategory)).toBe(1);
  });

  it('every category is listed once with a label', () => {
    const keys = COMPLAINT_CATEGORIES.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(Object.values(ComplaintCategory).sort());
    for (const k of keys) expect(COMPLAINT_CATEGORY_LABELS[k]).toBeTruthy();
  });

  it('monthly disclosure: complaints and suggestions on common areas, public interests, neighbour disputes', () => {
    expect(inMonthlyDisclosure('complaint', 'public_area')).toBe(true);
    expect(inMonthlyDisclosure('suggestion', 'neighbour_dispute')).toBe(true);
    expect(inMonthlyDisclosure('complaint', 'supporting_facilities')).toBe(true);
    expect(inMonthlyDisclosure('complaint', 'service_attitude')).toBe(false);
    expect(inMonthlyDisclosure('complaint', 'fee_dispute')).toBe(false);
    expect(inMonthlyDisclosure('inquiry', 'public_area')).toBe(false);
    expect(inMonthlyDisclosure('praise', 'cleaning_greening')).toBe(false);
    expect(inMonthlyDisclosure('complaint', null)).toBe(false);
  });

  it('each kind has its own topics: no complaint wording on a suggestion, and every topic has a label', () => {
    const keys = (k: ComplaintKind) => categoriesOfKind(k).map((c) => c.key);
    expect(keys('complaint')).toEqual(expect.arrayContaining(['fee_dispute', 'neighbour_dispute', 'service_attitude', 'house_quality']));
    for (const k of ['suggestion', 'inquiry', 'praise'] as const) {
      expect(keys(k)).not.toContain('fee_dispute');
      expect(keys(k)).not.toContain('neighbour_dispute');
      expect(keys(k)).not.toContain('service_attitude');
    }
    expect(keys('complaint')).not.toContain('staff_service');
    expect(keys('suggestion')).toEqual(expect.arrayContaining(['public_area', 'parking', 'cleaning_greening', 'service_improvement']));
    expect(keys('inquiry')).toContain('fees_billing');
    expect(keys('praise')).toContain('staff_service');
    for (const k of COMPLAINT_KINDS) {
      expect(keys(k)).toContain('other');
      for (const c of categoriesOfKind(k)) expect([k, c.key, c.label, !!c.hint]).toEqual([k, c.key, COMPLAINT_CATEGORY_LABELS[c.key], true]);
    }
    expect(isCategoryOfKind('suggestion', 'fee_dispute')).toBe(false);
    expect(isCategoryOfKind('suggestion', 'parking')).toBe(true);
    expect(isCategoryOfKind('complaint', 'fee_dispute')).toBe(true);
    // the same topic reads as what could be better in a suggestion, what went wrong in a complaint
    const hint = (k: ComplaintKind) => categoriesOfKind(k).find((c) => c.key === 'parking')!.hint;
    expect(hint('suggestion')).not.toBe(hint('complaint'));
    expect(categoryRequired('complaint')).toBe(true);
    expect(categoryRequired('suggestion')).toBe(true);
    expect(categoryRequired('inquiry')).toBe(false);
  });

  it('each kind has its own wording for the form; only complaints speak of the person complained about', () => {
    expect(KIND_WORDING.complaint.anonymousLabel).toContain('被投诉人');
    for (const k of ['suggestion', 'inquiry', 'praise'] as const) {
      expect(KIND_WORDING[k].anonymousLabel).not.toContain('投诉');
      expect(KIND_WORDING[k].placeholder).not.toContain('投诉');
    }
    expect(new Set(COMPLAINT_KINDS.map((k) => KIND_WORDING[k].placeholder)).size).toBe(4);
  });

  it('anonymous: only the reporter sees who filed it', () => {
    expect(reporterIdentityVisible(false, false)).toBe(true);
    expect(reporterIdentityVisible(true, false)).toBe(false);
    expect(reporterIdentityVisible(true, true)).toBe(true);
  });
});
