import { Text } from '@tarojs/components';
import type { ResidentSurveyItem } from '@linli/shared';

/** 未填写 / 草稿 / 已提交 / 已截止 */
export function SurveyStateBadge({ s }: { s: Pick<ResidentSurveyItem, 'state' | 'status'> }) {
  const [label, tone] =
    s.state === 'submitted'
      ? ['已提交', 'is-green']
      : s.status === 'closed'
        ? ['已截止', '']
        : s.state === 'draft'
          ? ['草稿', 'is-orange']
          : ['待填写', 'is-orange'];
  return <Text className={`sv-badge ${tone} e2e-survey-state`}>{label}</Text>;
}

/** 2026-12-20 23:59 in Shanghai */
export function shanghaiDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
