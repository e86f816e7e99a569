import { Tag } from '@nutui/nutui-react-taro';
import { REPAIR_STATUS_LABELS, REPAIR_TIER_LABELS, type RepairStatus, type RepairTier } from '@linli/shared';

const STATUS_COLORS: Record<RepairStatus, [background: string, color: string]> = {
  submitted: ['#fff4e5', '#d97706'],
  accepted: ['#e8f1ff', '#2563eb'],
  dispatched: ['#e8f1ff', '#2563eb'],
  scheduled: ['#e8f1ff', '#2563eb'],
  in_progress: ['#e7f6f1', '#13a07a'],
  on_hold: ['#f0f1f3', '#5c6370'],
  completed: ['#fff4e5', '#d97706'],
  confirmed: ['#e7f6f1', '#13a07a'],
  closed: ['#f0f1f3', '#8a8f99'],
  reopened: ['#fdecec', '#e5484d'],
  cancelled: ['#f0f1f3', '#8a8f99'],
};

/** Repair order status as a coloured tag (待受理, 维修中, 待确认 …). */
export function StatusTag({ status, className = '' }: { status: RepairStatus; className?: string }) {
  const [background, color] = STATUS_COLORS[status] ?? ['#f0f1f3', '#5c6370'];
  return (
    <Tag className={`e2e-status e2e-status-${status} ${className}`} background={background} color={color}>
      {REPAIR_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

const TIER_COLORS: Record<RepairTier, [background: string, color: string]> = {
  critical: ['#e5484d', '#ffffff'],
  urgent: ['#fff4e5', '#d97706'],
  normal: ['#f0f1f3', '#5c6370'],
};

/** Urgency tier tag (特急 / 急 / 一般); "待定级" while the desk has not set one. */
export function TierTag({ tier, className = '' }: { tier: RepairTier | null | undefined; className?: string }) {
  const [background, color] = tier ? TIER_COLORS[tier] : ['#f5f6f7', '#8a8f99'];
  return (
    <Tag className={`e2e-tier e2e-tier-${tier ?? 'none'} ${className}`} background={background} color={color}>
      {tier ? REPAIR_TIER_LABELS[tier] : '待定级'}
    </Tag>
  );
}
