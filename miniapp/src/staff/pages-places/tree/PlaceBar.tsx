import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { confirmActive } from '../api';

interface Place {
  id: number;
  name: string;
  active: boolean;
}

/**
 * One level of the tree (楼栋 or 单元): its places as chips (deactivated ones struck through), a new one, and the
 * picked one's rename / 停用. `kind` names the e2e hooks: e2e-<kind>-<id>, e2e-<kind>-new, e2e-<kind>-add …
 */
export function PlaceBar<T extends Place>(props: {
  kind: 'building' | 'unit';
  what: string;
  items: T[];
  picked: number | null;
  onPick: (id: number) => void;
  onAdd: (name: string) => Promise<void>;
  onRename: (p: T, name: string) => Promise<void>;
  onToggle: (p: T) => Promise<void>;
}) {
  const { kind, what, items, picked, onPick } = props;
  const current = items.find((i) => i.id === picked);
  const [draft, setDraft] = useState('');
  const [rename, setRename] = useState('');
  useEffect(() => setRename(current?.name ?? ''), [current?.id, current?.name]);

  return (
    <View>
      {items.length === 0 ? (
        <Text className="ll-muted">还没有{what}</Text>
      ) : (
        <View className="ll-chips">
          {items.map((i) => (
            <View
              key={i.id}
              className={`ll-chip ${picked === i.id ? 'is-active' : ''} ${i.active ? '' : 'pl-chip-off'} e2e-${kind}-${i.id}`}
              onClick={() => onPick(i.id)}
            >
              {i.name}
            </View>
          ))}
        </View>
      )}
      {current && (
        <View className="pl-add">
          <Input className={`ll-input e2e-${kind}-rename`} value={rename} onChange={setRename} maxLength={50} />
          <Button size="small" fill="outline" onClick={() => void props.onRename(current, rename.trim())}>
            改名
          </Button>
          <Button
            className={`e2e-${kind}-toggle`}
            size="small"
            fill="outline"
            onClick={async () => {
              if (await confirmActive(what, !current.active)) await props.onToggle(current);
            }}
          >
            {current.active ? '停用' : '启用'}
          </Button>
        </View>
      )}
      <View className="pl-add">
        <Input
          className={`ll-input e2e-${kind}-new`}
          placeholder={kind === 'building' ? '新楼栋，如 5栋' : '新单元，如 3单元'}
          value={draft}
          onChange={setDraft}
          maxLength={50}
        />
        <Button
          className={`e2e-${kind}-add`}
          size="small"
          type="primary"
          onClick={async () => {
            if (!draft.trim()) return;
            await props.onAdd(draft.trim());
            setDraft('');
          }}
        >
          添加
        </Button>
      </View>
    </View>
  );
}
