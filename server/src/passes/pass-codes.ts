import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PASS_CODE_STEP_SECONDS, parsePassCode, passCodeFresh, passCodePayload, passCodeStep, ScanRefusal } from '@linli/shared';
import { AppConfig } from '../config/app-config';

export type CodeCheck = { ok: true; passId: number } | { ok: false; reason: ScanRefusal; passId: number | null };

/**
 * Signs and checks the rotating QR codes (shared/src/passes/pass-code.ts). The key is derived from JWT_SECRET, which
 * production already requires to be set and strong; a code names its pass and its 30-second step, nothing personal.
 */
@Injectable()
export class PassCodes {
  private readonly key: Buffer;

  constructor(cfg: AppConfig) {
    this.key = createHmac('sha256', cfg.JWT_SECRET).update('linli/pass-codes/v1').digest();
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 16);
  }

  /** The code a holder shows at `at`, and when the next one is due. */
  sign(passId: number, at: Date): { code: string; refreshAt: Date } {
    const step = passCodeStep(at);
    const payload = passCodePayload(passId, step);
    return { code: `${payload}.${this.mac(payload)}`, refreshAt: new Date((step + 1) * PASS_CODE_STEP_SECONDS * 1000) };
  }

  /** Shape, signature, then age: a forged code never reveals whether its pass exists. */
  check(code: unknown, now: Date): CodeCheck {
    const parts = parsePassCode(code);
    if (!parts) return { ok: false, reason: ScanRefusal.Unreadable, passId: null };
    const want = Buffer.from(this.mac(parts.payload));
    const got = Buffer.from(parts.mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: ScanRefusal.Forged, passId: null };
    if (!passCodeFresh(parts.step, now)) return { ok: false, reason: ScanRefusal.StaleCode, passId: parts.passId };
    return { ok: true, passId: parts.passId };
  }
}

/** The unguessable token of a pass's share link (a visitor's, a worker's): 192 random bits, URL-safe, 32 characters. */
export function newLinkToken(): string {
  return randomBytes(24).toString('base64url');
}
