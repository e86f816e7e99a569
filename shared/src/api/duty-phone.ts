/**
 * The community's 24-hour duty phone (值班电话): residents call it in an emergency instead of booking a visit.
 * GET /api/admin/communities/duty-phones, PATCH /api/admin/communities/:id/duty-phone (admins of the company).
 */
export interface CommunityDutyPhoneView {
  communityId: number;
  communityName: string;
  dutyPhone: string | null;
}

/** PATCH body: a mobile (13800000000), a landline with area code (021-12345678, extension -123 allowed) or a
 * 400 / 800 number; null clears it. */
export interface UpdateDutyPhoneRequest {
  dutyPhone: string | null;
}

/** Mobile, landline with area code (optional extension) or 400/800 service number; separators are hyphens. */
export const DUTY_PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;
export const DUTY_PHONE_MESSAGE = '请填写正确的值班电话：手机号，或带区号的座机（如 021-12345678），或 400 电话';

/** The number as stored: spaces dropped. */
export function normalizeDutyPhone(raw: string): string {
  return raw.replace(/\s+/g, '');
}

export function isDutyPhone(raw: string): boolean {
  return DUTY_PHONE_PATTERN.test(normalizeDutyPhone(raw));
}
