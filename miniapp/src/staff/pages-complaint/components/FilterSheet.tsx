import { View, Text } from '@tarojs/components';
import { COMPLAINT_KINDS, COMPLAINT_KIND_LABELS, type ComplaintKind } from '@linli/shared';
import { FilterChip as Chip, StaffFilterSheet, useFilterDraft } from '@common/tickets/StaffFilterSheet';

/** Filters on top of the inbox tab. */
export interface InboxFilter {
  kind?: ComplaintKind;
  status?: 'open' | 'closed';
  communityId?: number;
}

export function filterCount(f: InboxFilter): number {
  return [f.kind, f.status, f.communityId].filter((v) => v !== undefined).length;
}

export function FilterSheet(props: {
  visible: boolean;
  value: InboxFilter;
  communities: { id: number; name: string }[];
  onClose: () => void;
  onApply: (f: InboxFilter) => void;
}) {
  const { visible, value, communities, onClose, onApply } = props;
  const { draft, set } = useFilterDraft(visible, value);

  return (
    <StaffFilterSheet title="筛选" visible={visible} onClose={onClose} onReset={() => onApply({})} onApply={() => onApply(draft)} buttonsClassName="ll-btn-row">
      <Text className="ll-label">类型</Text>
      <View className="ll-chips">
        <Chip value={undefined} current={draft.kind} label="全部" hook="e2e-filter-kind-all" onPick={() => set({ kind: undefined })} />
        {COMPLAINT_KINDS.map((k) => (
          <Chip key={k} value={k} current={draft.kind} label={COMPLAINT_KIND_LABELS[k]} hook={`e2e-filter-kind-${k}`} onPick={(v) => set({ kind: v })} />
        ))}
      </View>
      <Text className="ll-label">状态</Text>
      <View className="ll-chips">
        <Chip value={undefined} current={draft.status} label="全部" hook="e2e-filter-status-all" onPick={() => set({ status: undefined })} />
        <Chip<'open' | 'closed'> value="open" current={draft.status} label="未完结" hook="e2e-filter-status-open" onPick={(v) => set({ status: v })} />
        <Chip<'open' | 'closed'> value="closed" current={draft.status} label="已完结" hook="e2e-filter-status-closed" onPick={(v) => set({ status: v })} />
      </View>
      {communities.length > 1 && (
        <>
          <Text className="ll-label">小区</Text>
          <View className="ll-chips">
            <Chip value={undefined} current={draft.communityId} label="全部" hook="e2e-filter-community-all" onPick={() => set({ communityId: undefined })} />
            {communities.map((c) => (
              <Chip
                key={c.id}
                value={c.id}
                current={draft.communityId}
                label={c.name}
                hook={`e2e-filter-community-${c.id}`}
                onPick={(v) => set({ communityId: v })}
              />
            ))}
          </View>
        </>
      )}
    </StaffFilterSheet>
  );
}
