import { View, Text, Picker } from '@tarojs/components';
import { REPAIR_STATUS_LABELS, REPAIR_TIER_LABELS, type RepairStatus, type RepairTier, type TechnicianLoad } from '@linli/shared';
import { useAsync } from '@common/hooks';
import { PageState } from '@common/components';
import { FilterChip as Chip, StaffFilterSheet, useFilterDraft } from '@common/tickets/StaffFilterSheet';
import { listTechnicians } from '../api';

/** Supervisor / manager filters on top of the inbox tab. */
export interface InboxFilter {
  status?: RepairStatus;
  tier?: RepairTier;
  assigneeId?: number;
  /** YYYY-MM-DD, Asia/Shanghai */
  from?: string;
  to?: string;
}

export function filterCount(f: InboxFilter): number {
  return [f.status, f.tier, f.assigneeId, f.from || f.to].filter((v) => v !== undefined && v !== '').length;
}

const STATUSES = Object.keys(REPAIR_STATUS_LABELS) as RepairStatus[];
const TIERS = Object.keys(REPAIR_TIER_LABELS) as RepairTier[];

/** The technicians of every community the caller works in (the endpoint takes one community at a time). */
async function techniciansOf(communityIds: number[]): Promise<TechnicianLoad[]> {
  const lists = await Promise.all(communityIds.map((id) => listTechnicians(id)));
  const byId = new Map<number, TechnicianLoad>();
  for (const t of lists.flat()) if (!byId.has(t.id)) byId.set(t.id, t);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function FilterSheet(props: { visible: boolean; value: InboxFilter; communityIds: number[]; onClose: () => void; onApply: (f: InboxFilter) => void }) {
  const { visible, value, communityIds, onClose, onApply } = props;
  const techs = useAsync<TechnicianLoad[]>(() => techniciansOf(communityIds), [], { immediate: false });
  const { draft, setDraft, set } = useFilterDraft(visible, value, () => {
    if (!techs.data && !techs.loading) void techs.reload();
  });

  return (
    <StaffFilterSheet
      title="筛选工单"
      visible={visible}
      onClose={onClose}
      onReset={() => setDraft({})}
      onApply={() => onApply(draft)}
      buttonsClassName="rp-sheet-buttons"
    >
      <Text className="ll-label">状态</Text>
      <View className="ll-chips">
        <Chip value={undefined} current={draft.status} label="不限" hook="e2e-filter-status-any" onPick={() => set({ status: undefined })} />
        {STATUSES.map((s) => (
          <Chip key={s} value={s} current={draft.status} label={REPAIR_STATUS_LABELS[s]} hook={`e2e-filter-status-${s}`} onPick={(v) => set({ status: v })} />
        ))}
      </View>
      <Text className="ll-label">等级</Text>
      <View className="ll-chips">
        <Chip value={undefined} current={draft.tier} label="不限" hook="e2e-filter-tier-any" onPick={() => set({ tier: undefined })} />
        {TIERS.map((t) => (
          <Chip key={t} value={t} current={draft.tier} label={REPAIR_TIER_LABELS[t]} hook={`e2e-filter-tier-${t}`} onPick={(v) => set({ tier: v })} />
        ))}
      </View>
      <Text className="ll-label">维修工</Text>
      <PageState loading={techs.loading} error={techs.error} onRetry={techs.reload} empty={!techs.data?.length} emptyText="暂无维修工">
        <View className="ll-chips">
          <Chip value={undefined} current={draft.assigneeId} label="不限" hook="e2e-filter-tech-any" onPick={() => set({ assigneeId: undefined })} />
          {techs.data?.map((t) => (
            <Chip key={t.id} value={t.id} current={draft.assigneeId} label={t.name} hook={`e2e-filter-tech-${t.id}`} onPick={(v) => set({ assigneeId: v })} />
          ))}
        </View>
      </PageState>
      <Text className="ll-label">报修日期</Text>
      <View className="rp-date-range">
        <Picker mode="date" value={draft.from ?? ''} end={draft.to} onChange={(e) => set({ from: String(e.detail.value) })}>
          <View className={`rp-date ${draft.from ? '' : 'is-empty'} e2e-filter-from`}>{draft.from || '开始日期'}</View>
        </Picker>
        <Text className="rp-date-sep">至</Text>
        <Picker mode="date" value={draft.to ?? ''} start={draft.from} onChange={(e) => set({ to: String(e.detail.value) })}>
          <View className={`rp-date ${draft.to ? '' : 'is-empty'} e2e-filter-to`}>{draft.to || '结束日期'}</View>
        </Picker>
      </View>
    </StaffFilterSheet>
  );
}
