import { Text } from '@tarojs/components';
import { complaintStatusLabel, type ComplaintSummary } from '@linli/shared';

const TONE: Record<string, string> = { resolved: 'is-resolved', confirmed: 'is-resolved', reopened: 'is-reopened', closed: 'is-done', cancelled: 'is-done' };

/** 已受理 / 处理中 / 待确认 (已处理 for suggestions, inquiries, praise) / 已重开 / 待回访 / 已完结 / 已撤销 */
export function ComplaintStatusTag({ c }: { c: Pick<ComplaintSummary, 'kind' | 'status' | 'statusLabel'> }) {
  return <Text className={`cp-status ${TONE[c.status] ?? ''} e2e-complaint-status`}>{c.statusLabel || complaintStatusLabel(c.kind, c.status)}</Text>;
}
