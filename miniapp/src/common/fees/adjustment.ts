import { formatYuan, type BillLineAdjustment } from '@linli/shared';
import { formatTime } from '../format';

/** 免交 ¥50.00（王经理 2026-12-02 10:00 批准；原因：…） — how both apps show an approved waiver or deferral. */
export function adjustmentText(a: BillLineAdjustment): string {
  const what = a.kind === 'waive' ? `免交 ${formatYuan(a.amountCents ?? 0)}` : `缓交至 ${a.deferUntil}`;
  return `${what}（${a.decidedByName ?? ''} ${formatTime(a.decidedAt)} 批准；原因：${a.reason}）`;
}
