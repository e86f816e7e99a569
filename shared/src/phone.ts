/** 13812345678 → 138****5678. Anything that is not a plausible number is masked whole. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s|-/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '****' + digits.slice(-4);
}

/** Mainland mobile numbers, optionally prefixed with +86 / 86. Returns the 11-digit form or null. */
export function normalizeMobile(input: string | null | undefined): string | null {
  if (!input) return null;
  const d = input.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(d) ? d : null;
}
