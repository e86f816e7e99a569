import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { BuildingView, UnitView } from '@linli/shared';

type Building = Pick<BuildingView, 'id' | 'name'>;
import { api } from '@common/api';
import { useAsync } from '@common/hooks';

/**
 * Units of a community, building by building: tap a building to list its units, tap a unit to add or remove it
 * (e2e-unit-building-<building name>, e2e-unit-<building name>-<unit name>). Units of other buildings stay picked.
 */
export function UnitPicker({ buildings, value, onChange }: { buildings: Building[]; value: number[]; onChange: (ids: number[]) => void }) {
  const [open, setOpen] = useState<Building | null>(null);
  const units = useAsync(
    () => (open ? api.get<UnitView[]>(`/api/org/buildings/${open.id}/units`, { silent: true }) : Promise.resolve([] as UnitView[])),
    [open?.id],
  );
  const toggle = (id: number) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <View className="e2e-unit-picker">
      <View className="ll-chips">
        {buildings.map((b) => (
          <View key={b.id} className={`ll-chip ${open?.id === b.id ? 'is-active' : ''} e2e-unit-building-${b.name}`} onClick={() => setOpen(b)}>
            {b.name}
          </View>
        ))}
      </View>
      {open && (
        <View className="ll-chips">
          {units.loading && <Text className="ll-muted">加载单元…</Text>}
          {!!units.error && <Text className="ll-muted">单元加载失败，请重试</Text>}
          {!units.loading && !units.error && !(units.data ?? []).length && <Text className="ll-muted">该楼栋没有单元</Text>}
          {(units.data ?? []).map((u) => (
            <View key={u.id} className={`ll-chip ${value.includes(u.id) ? 'is-active' : ''} e2e-unit-${open.name}-${u.name}`} onClick={() => toggle(u.id)}>
              {u.name}
            </View>
          ))}
        </View>
      )}
      <Text className="ll-muted e2e-unit-count">{value.length ? `已选 ${value.length} 个单元` : '请选择单元'}</Text>
    </View>
  );
}
