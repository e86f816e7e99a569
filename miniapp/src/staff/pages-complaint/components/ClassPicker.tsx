import { View, Text } from '@tarojs/components';
import { COMPLAINT_CLASSES, COMPLAINT_CLASS_LABELS, COMPLAINT_CLASS_OWNER_ROLE, COMPLAINT_CLASS_SCOPE, type ComplaintClass } from '@linli/shared';
import { useAsync } from '@common/hooks';
import { PageState } from '@common/components';
import { listOwners } from '../api';
import type { ComplaintOwnerCandidate } from '@linli/shared';
import '@common/tickets/staff-ticket.css';
import './complaint.css';

/** 一类 / 二类 / 三类 chips; `suggested` is marked 建议. */
export function ClassChoice(props: {
  value: ComplaintClass | undefined;
  onChange: (c: ComplaintClass) => void;
  suggested?: ComplaintClass;
  exclude?: ComplaintClass | null;
}) {
  const { value, onChange, suggested, exclude } = props;
  return (
    <>
      <View className="ll-chips">
        {COMPLAINT_CLASSES.filter((c) => c !== exclude).map((c) => (
          <View key={c} className={`ll-chip ${value === c ? 'is-active' : ''} e2e-class-${c}`} onClick={() => onChange(c)}>
            {COMPLAINT_CLASS_LABELS[c]}
            {suggested === c ? '（推荐）' : ''}
          </View>
        ))}
      </View>
      {value && <Text className="ll-muted">{COMPLAINT_CLASS_SCOPE[value]}</Text>}
    </>
  );
}

/** Who may own a class-2 / class-3 complaint in the community, least loaded first; nothing picked = the automatic pick. */
export function OwnerChoice(props: {
  communityId: number;
  cls: ComplaintClass;
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  /** 转交: no automatic pick, and not the current owner */
  excludeId?: number | null;
}) {
  const { communityId, cls, value, onChange, excludeId } = props;
  const role = COMPLAINT_CLASS_OWNER_ROLE[cls] as 'agent' | 'supervisor' | 'manager';
  const owners = useAsync<ComplaintOwnerCandidate[]>(() => listOwners(communityId, role), [communityId, role]);
  const list = (owners.data ?? []).filter((o) => o.id !== excludeId);
  return (
    <PageState loading={owners.loading} error={owners.error} onRetry={owners.reload} empty={!list.length} emptyText="该小区没有其他可负责的人员">
      <View className="ll-chips">
        {excludeId === undefined && (
          <View className={`ll-chip ${value === undefined ? 'is-active' : ''} e2e-owner-auto`} onClick={() => onChange(undefined)}>
            自动分派
          </View>
        )}
        {list.map((o) => (
          <View key={o.id} className={`ll-chip ${value === o.id ? 'is-active' : ''} e2e-owner-${o.id}`} onClick={() => onChange(o.id)}>
            {o.name}（在办 {o.openComplaints}）
          </View>
        ))}
      </View>
    </PageState>
  );
}

/** Anyone on the desk of the community (agents, supervisors, managers), for 转交 / 指定协调人. */
export function StaffChoice(props: { communityId: number; value: number | undefined; onChange: (id: number) => void; excludeId?: number | null }) {
  const { communityId, value, onChange, excludeId } = props;
  const staff = useAsync<ComplaintOwnerCandidate[]>(() => listOwners(communityId), [communityId]);
  const list = (staff.data ?? []).filter((o) => o.id !== excludeId);
  return (
    <PageState loading={staff.loading} error={staff.error} onRetry={staff.reload} empty={!list.length} emptyText="没有可选的人员">
      <View className="ll-chips">
        {list.map((o) => (
          <View key={o.id} className={`ll-chip ${value === o.id ? 'is-active' : ''} e2e-owner-${o.id}`} onClick={() => onChange(o.id)}>
            {o.name}（在办 {o.openComplaints}）
          </View>
        ))}
      </View>
    </PageState>
  );
}
