/**
 * What a pass's QR code holds: `LP1.<passId>.<step>.<mac>`, where step = floor(unix seconds / 30) when the code was
 * shown and mac = the first 16 base64url characters of HMAC-SHA256(server key, `LP1.<passId>.<step>`) (the server
 * signs and checks; this module only reads the shape). A code is accepted for its own step and the next one, so a
 * screenshot older than a minute is refused. The holder's page fetches a fresh code every 30 s.
 */
export const PASS_CODE_STEP_SECONDS = 30;
export const PASS_CODE_MAX_AGE_STEPS = 1;
const SHAPE = /^LP1\.([1-9]\d{0,9})\.(\d{1,12})\.([A-Za-z0-9_-]{16})$/;

export interface PassCodeParts {
  passId: number;
  step: number;
  mac: string;
  /** the signed text */
  payload: string;
}

export function passCodeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / PASS_CODE_STEP_SECONDS);
}

export function passCodePayload(passId: number, step: number): string {
  return `LP1.${passId}.${step}`;
}

/** The parts of a well-formed code (whitespace around it ignored), or null. */
export function parsePassCode(s: unknown): PassCodeParts | null {
  if (typeof s !== 'string' || s.length > 64) return null;
  const m = SHAPE.exec(s.trim());
  if (!m) return null;
  const passId = Number(m[1]);
  const step = Number(m[2]);
  if (!Number.isSafeInteger(passId) || passId > 2_147_483_647 || !Number.isSafeInteger(step)) return null;
  return { passId, step, mac: m[3], payload: passCodePayload(passId, step) };
}

/** Whether a code shown at `step` is still fresh at `now` (not from the future, at most one step old). */
export function passCodeFresh(step: number, now: Date): boolean {
  const cur = passCodeStep(now);
  return step <= cur && cur - step <= PASS_CODE_MAX_AGE_STEPS;
}
