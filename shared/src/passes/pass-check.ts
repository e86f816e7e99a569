import { formatWorkHours, withinWorkHours, WorkHours } from './work-hours';
import { PassKind, PassStatus } from './pass-kinds';

/** Why a scan is red. Every refusal names one, shown full-screen to the guard in zh-CN. */
export const ScanRefusal = {
  Unreadable: 'unreadable',
  Forged: 'forged',
  StaleCode: 'stale_code',
  UnknownPass: 'unknown_pass',
  OtherCommunity: 'other_community',
  NotIssued: 'not_issued',
  Revoked: 'revoked',
  NotYetValid: 'not_yet_valid',
  Expired: 'expired',
  UsedUp: 'used_up',
  OutsideWorkHours: 'outside_work_hours',
} as const;
export type ScanRefusal = (typeof ScanRefusal)[keyof typeof ScanRefusal];

export const SCAN_REFUSAL_LABELS: Record<ScanRefusal, string> = {
  unreadable: '无法识别的二维码',
  forged: '二维码签名无效（疑似伪造）',
  stale_code: '二维码已过期，请持证人刷新后重新出示',
  unknown_pass: '通行证不存在',
  other_community: '非本小区通行证',
  not_issued: '通行证尚未签发',
  revoked: '通行证已作废',
  not_yet_valid: '未到通行证有效期',
  expired: '通行证已过期',
  used_up: '通行次数已用完',
  outside_work_hours: '不在允许的施工时间内',
};

/** What the rules need of a pass row. */
export interface CheckablePass {
  kind: PassKind;
  status: PassStatus;
  communityId: number;
  validFrom: Date;
  validUntil: Date;
  entriesTotal: number | null;
  entriesUsed: number;
}

export interface CheckContext {
  at: Date;
  /** the communities the guard may verify for */
  communityIds: readonly number[];
  /** the community's decoration work hours (worker passes only) */
  workHours: WorkHours;
  /** whether this scan uses up one of a limited pass's uses (consumesUse) */
  consuming: boolean;
}

/** A scan uses up one of a limited pass's uses: an entry (进) — except a large-item release, which is used on the way out. */
export function consumesUse(kind: PassKind, direction: 'in' | 'out'): boolean {
  return kind === PassKind.ItemRelease ? direction === 'out' : direction === 'in';
}

export type CheckResult = { ok: true } | { ok: false; reason: ScanRefusal; detail?: string };

/**
 * The rules of a scan after the code's signature and age were checked, in the order a guard would want the
 * reason: whose pass, issued, revoked, window, entries, work hours. Pure: the caller consumes the entry atomically.
 */
export function checkPass(p: CheckablePass, c: CheckContext): CheckResult {
  if (!c.communityIds.includes(p.communityId)) return { ok: false, reason: ScanRefusal.OtherCommunity };
  if (p.status === PassStatus.Revoked || p.status === PassStatus.Cancelled) return { ok: false, reason: ScanRefusal.Revoked };
  if (p.status !== PassStatus.Active) return { ok: false, reason: ScanRefusal.NotIssued };
  if (c.at.getTime() < p.validFrom.getTime()) return { ok: false, reason: ScanRefusal.NotYetValid };
  if (c.at.getTime() >= p.validUntil.getTime()) return { ok: false, reason: ScanRefusal.Expired };
  if (c.consuming && p.entriesTotal !== null && p.entriesUsed >= p.entriesTotal) return { ok: false, reason: ScanRefusal.UsedUp };
  if (p.kind === PassKind.Worker && !withinWorkHours(c.workHours, c.at))
    return { ok: false, reason: ScanRefusal.OutsideWorkHours, detail: `允许施工时间：${formatWorkHours(c.workHours)}` };
  return { ok: true };
}
