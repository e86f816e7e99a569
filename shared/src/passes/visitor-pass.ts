import { isRealDate } from '../dates';
import { shanghaiDate, SHANGHAI_OFFSET_MS } from '../sla/shanghai-time';
import { PassStatus } from './pass-kinds';

const DAY_MS = 86_400_000;

/** A resident's own pass (住户出入证) is valid for a year from its issue, and only while the holder's binding lasts. */
export const RESIDENT_PASS_DAYS = 365;

/** Where a visitor opens a share link (both apps' H5 and weapp use the same path + `?token=`). */
export const PASS_LINK_PAGE = 'pages-passes/visit/index';

/** "张三" → "张*", "欧阳娜娜" → "欧***": how the visitor's page names the host, and the host only. */
export function maskName(name: string | null | undefined): string {
  const s = (name ?? '').trim();
  if (!s) return '';
  const chars = [...s];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * A visitor pass's window: from 00:00 of `startsOn` (Shanghai; now, if that is today) for `days` days, ending at
 * 24:00 of the last day. Returns the instants or the zh-CN problem.
 */
export function visitorWindow(startsOn: unknown, days: number, maxDays: number, now: Date): { from: Date; until: Date } | { problem: string } {
  if (!isRealDate(startsOn)) return { problem: '请选择开始日期' };
  if (!Number.isInteger(days) || days < 1) return { problem: '天数至少为 1 天' };
  if (days > maxDays) return { problem: `访客通行证最长 ${maxDays} 天` };
  const today = shanghaiDate(now);
  if (startsOn < today) return { problem: '开始日期不能早于今天' };
  const dayStart = Date.parse(`${startsOn}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
  if (dayStart - now.getTime() > 30 * DAY_MS) return { problem: '开始日期不能晚于 30 天后' };
  return { from: new Date(Math.max(dayStart, now.getTime())), until: new Date(dayStart + days * DAY_MS) };
}

/** How a pass stands at `at`, for lists and the visitor's page (expiry and used-up follow from the row). */
export type PassState = 'active' | 'not_yet_valid' | 'expired' | 'used_up' | 'revoked' | 'pending';

export const PASS_STATE_LABELS: Record<PassState, string> = {
  active: '有效',
  not_yet_valid: '未到生效时间',
  expired: '已过期',
  used_up: '次数已用完',
  revoked: '已作废',
  pending: '办理中',
};

export function passState(p: { status: PassStatus; validFrom: Date; validUntil: Date; entriesTotal: number | null; entriesUsed: number }, at: Date): PassState {
  if (p.status === PassStatus.Revoked || p.status === PassStatus.Cancelled || p.status === PassStatus.Returned) return 'revoked';
  if (p.status !== PassStatus.Active) return 'pending';
  if (at.getTime() >= p.validUntil.getTime()) return 'expired';
  if (p.entriesTotal !== null && p.entriesUsed >= p.entriesTotal) return 'used_up';
  if (at.getTime() < p.validFrom.getTime()) return 'not_yet_valid';
  return 'active';
}
