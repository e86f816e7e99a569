import { Text, View } from '@tarojs/components';
import type { SurveyStatus } from '@linli/shared';

const STATUS: Record<SurveyStatus, [string, string]> = {
  draft: ['草稿', ''],
  scheduled: ['定时发布', 'is-orange'],
  published: ['进行中', 'is-green'],
  closed: ['已截止', ''],
};

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  const [label, tone] = STATUS[status];
  return <Text className={`sv-badge ${tone} e2e-survey-status`}>{label}</Text>;
}

/** One bar of a CSS bar chart (Views only: works in weapp and H5). */
export function Bar({ label, percent, value, className }: { label: string; percent: number; value: string; className?: string }) {
  return (
    <View className={`sv-bar-row ${className ?? ''}`}>
      <Text className="sv-bar-label">{label}</Text>
      <View className="sv-bar-track">
        <View className="sv-bar-fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
      </View>
      <Text className="sv-bar-value">{value}</Text>
    </View>
  );
}

/** 2026-12-20 23:59 in Shanghai */
export function shanghaiDateTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
