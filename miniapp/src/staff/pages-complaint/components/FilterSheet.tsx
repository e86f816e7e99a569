import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { COMPLAINT_KINDS, COMPLAINT_KIND_LABELS, type ComplaintKind } from '@linli/shared';
import '@common/tickets/staff-ticket.css';
import './complaint.css';

/** Filters on top of the inbox tab. */
export interface InboxFilter {
  kind?: ComplaintKind;
  status?: 'open' | 'closed';
  communityId?: number;
}

export function filterCount(f: InboxFilter): number {
  return [f.kind, f.status, f.communityId].filter((v) => v !== undefined).length;
}

function Chip<T>(props: { value: T | undefined; current: T | undefined; label: string; hook: string; onPick: (v: T | undefined) => void }) {
  const active = props.value === props.current;
  return (
    <View className={`ll-chip ${active ? 'is-active' : ''} ${props.hook}`} onClick={() => props.onPick(props.value)}>
      {props.label}
    </View>
  );
}

export function FilterSheet(props: {
  visible: boolean;
  value: InboxFilter;
  communities: { id: number; name: string }[];
  onClose: () => void;
  onApply: (f: InboxFilter) => void;
}) {
  const { visible, value, communities, onClose, onApply } = props;
  const [draft, setDraft] = useState<InboxFilter>(value);
  useEffect(() => {
    if (visible) setDraft(value);
  }, [visible]);
  const set = (patch: Partial<InboxFilter>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Popup visible={visible} position="bottom" round title="筛选" closeable onClose={onClose} className="rp-filter e2e-filter-sheet">
      <View className="rp-filter-body">
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
        <View className="ll-btn-row">
          <Button className="e2e-filter-reset" fill="outline" onClick={() => onApply({})}>
            重置
          </Button>
          <Button className="e2e-filter-apply" type="primary" onClick={() => onApply(draft)}>
            确定
          </Button>
        </View>
      </View>
    </Popup>
  );
}
