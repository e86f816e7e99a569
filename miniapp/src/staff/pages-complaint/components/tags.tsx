import { Tag } from '@nutui/nutui-react-taro';
import type { ComplaintClass, ComplaintKind, ComplaintStatus } from '@linli/shared';
import { classLabel, kindLabel } from '../util';

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

/** 类型, 类别 (complaints only) and 匿名: the first tags of a card and of the detail head. */
export function KindTags({ c }: { c: { kind: ComplaintKind; complaintClass: ComplaintClass | null; anonymous: boolean } }) {
  return (
    <>
      <Tag className="rp-tag e2e-kind" background="#e8f0fe" color="#2563eb">
        {kindLabel(c.kind)}
      </Tag>
      {c.kind === 'complaint' && (
        <Tag className="rp-tag e2e-class" background={c.complaintClass ? '#f3e8ff' : '#fff4e5'} color={c.complaintClass ? '#7c3aed' : '#d97706'}>
          {classLabel(c.complaintClass)}
        </Tag>
      )}
      {c.anonymous && (
        <Tag className="rp-tag e2e-anonymous" background="#f0f1f3" color="#5c6370">
          匿名
        </Tag>
      )}
    </>
  );
}
