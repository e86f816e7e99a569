import { Tag } from '@nutui/nutui-react-taro';
import type { ComplaintStatus } from '@linli/shared';

const COLORS: Record<ComplaintStatus, [string, string]> = {
  received: ['#fff4e5', '#d97706'],
  in_progress: ['#e8f0fe', '#2563eb'],
  reopened: ['#fdecec', '#e5484d'],
  resolved: ['#e7f6f1', '#13a07a'],
  confirmed: ['#e7f6f1', '#13a07a'],
  closed: ['#f0f1f3', '#5c6370'],
  cancelled: ['#f0f1f3', '#8a8a8a'],
};

export function ComplaintStatusTag({ status, label }: { status: ComplaintStatus; label: string }) {
  const [bg, color] = COLORS[status] ?? ['#f0f1f3', '#5c6370'];
  return (
    <Tag className={`rp-tag e2e-status e2e-status-${status}`} background={bg} color={color}>
      {label}
    </Tag>
  );
}
