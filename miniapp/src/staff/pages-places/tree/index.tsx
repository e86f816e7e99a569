import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatAreaCenti, type PlaceBuildingView, type PlaceCommunityView, type PlaceRoomView, type PlaceUnitView } from '@linli/shared';
import { api } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { confirmActive, places } from '../api';
import { PlaceBar } from './PlaceBar';
import { RoomForm, type RoomFields } from './RoomForm';
import '../places.css';

/** 楼栋与房屋 of one community: buildings → units → rooms, each level added, renamed, deactivated here. */
export default function Tree() {
  const communityId = Number(useRouter().params.communityId);
  const community = useAsync(
    async () => (await api.get<PlaceCommunityView[]>('/api/admin/communities', { silent: true })).find((c) => c.id === communityId),
    [communityId],
  );
  const buildings = useAsync(() => api.get<PlaceBuildingView[]>(`/api/admin/communities/${communityId}/buildings`, { silent: true }), [communityId]);
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const units = useAsync(
    () => (buildingId ? api.get<PlaceUnitView[]>(`/api/admin/buildings/${buildingId}/units`, { silent: true }) : Promise.resolve([])),
    [buildingId],
  );
  const [unitId, setUnitId] = useState<number | null>(null);
  const rooms = useAsync(() => (unitId ? api.get<PlaceRoomView[]>(`/api/admin/units/${unitId}/rooms`, { silent: true }) : Promise.resolve([])), [unitId]);
  const [editing, setEditing] = useState<PlaceRoomView | null>(null);

  useEffect(() => {
    if (buildingId === null && buildings.data?.length) setBuildingId(buildings.data[0].id);
  }, [buildings.data]);
  useEffect(() => {
    const mine = (units.data ?? []).filter((u) => u.buildingId === buildingId);
    if (!mine.some((u) => u.id === unitId)) setUnitId(mine[0]?.id ?? null);
  }, [units.data]);
  useEffect(() => setEditing(null), [unitId]);

  const replace = <T extends { id: number }>(list: T[] | undefined, v: T) => (list ?? []).map((x) => (x.id === v.id ? v : x));

  async function saveRoom(f: RoomFields) {
    if (editing) {
      const saved = await places.update<PlaceRoomView>(`/api/admin/rooms/${editing.id}`, { version: editing.version, ...f });
      rooms.setData(replace(rooms.data, saved));
      setEditing(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } else {
      const created = await places.create<PlaceRoomView>('/api/admin/rooms', {
        unitId,
        name: f.name,
        floor: f.floor ?? undefined,
        areaCenti: f.areaCenti ?? undefined,
        ownerName: f.ownerName ?? undefined,
        ownerPhone: f.ownerPhone ?? undefined,
      });
      rooms.setData([...(rooms.data ?? []), created]);
      void Taro.showToast({ title: '已添加房屋', icon: 'success' });
    }
  }

  async function toggleRoom(r: PlaceRoomView) {
    if (!(await confirmActive('房屋', !r.active))) return;
    rooms.setData(replace(rooms.data, await places.update<PlaceRoomView>(`/api/admin/rooms/${r.id}`, { version: r.version, active: !r.active })));
  }

  return (
    <View className="ll-page page-places-tree">
      <Section title={community.data ? `${community.data.name}（${community.data.code}）` : '小区'}>
        <View className="ll-btn-row">
          <Button
            className="e2e-go-import"
            size="small"
            fill="outline"
            type="primary"
            onClick={() => void Taro.navigateTo({ url: `/pages-places/import/index?communityId=${communityId}` })}
          >
            从 CSV / Excel 批量导入
          </Button>
        </View>
      </Section>
      <Section title="楼栋">
        <PageState loading={buildings.loading} error={buildings.error} onRetry={buildings.reload}>
          <PlaceBar
            kind="building"
            what="楼栋"
            items={buildings.data ?? []}
            picked={buildingId}
            onPick={setBuildingId}
            onAdd={async (name) => {
              const b = await places.create<PlaceBuildingView>('/api/admin/buildings', { communityId, name });
              buildings.setData([...(buildings.data ?? []), b]);
              setBuildingId(b.id);
            }}
            onRename={async (b, name) =>
              buildings.setData(replace(buildings.data, await places.update<PlaceBuildingView>(`/api/admin/buildings/${b.id}`, { version: b.version, name })))
            }
            onToggle={async (b) =>
              buildings.setData(
                replace(buildings.data, await places.update<PlaceBuildingView>(`/api/admin/buildings/${b.id}`, { version: b.version, active: !b.active })),
              )
            }
          />
        </PageState>
      </Section>
      {buildingId && (
        <Section title="单元">
          <PageState loading={units.loading} error={units.error} onRetry={units.reload}>
            <PlaceBar
              kind="unit"
              what="单元"
              items={units.data ?? []}
              picked={unitId}
              onPick={setUnitId}
              onAdd={async (name) => {
                const u = await places.create<PlaceUnitView>('/api/admin/units', { buildingId, name });
                units.setData([...(units.data ?? []), u]);
                setUnitId(u.id);
              }}
              onRename={async (u, name) => {
                units.setData(replace(units.data, await places.update<PlaceUnitView>(`/api/admin/units/${u.id}`, { version: u.version, name })));
                void rooms.reload();
              }}
              onToggle={async (u) =>
                units.setData(replace(units.data, await places.update<PlaceUnitView>(`/api/admin/units/${u.id}`, { version: u.version, active: !u.active })))
              }
            />
          </PageState>
        </Section>
      )}
      {unitId && (
        <Section title="房屋">
          <PageState loading={rooms.loading} error={rooms.error} onRetry={rooms.reload} empty={!rooms.data?.length} emptyText="该单元还没有房屋">
            {rooms.data?.map((r) => (
              <View key={r.id} className={`pl-card e2e-room-${r.id}`}>
                <View className="ll-row">
                  <Text className="pl-name">{r.label}</Text>
                  <Tag type={r.active ? 'success' : 'default'}>{r.active ? '使用中' : '已停用'}</Tag>
                </View>
                <Text className="ll-card-line ll-muted">
                  {r.floor === null ? '楼层未填' : `${r.floor} 层`} · {r.areaCenti === null ? '面积未填' : `${formatAreaCenti(r.areaCenti)} ㎡`}
                </Text>
                <Text className="ll-card-line">业主：{r.ownerName ? `${r.ownerName}${r.ownerPhone ? ` ${r.ownerPhone}` : ''}` : '未登记'}</Text>
                <View className="ll-btn-row">
                  <Button className={`e2e-room-edit-${r.id}`} size="small" fill="outline" type="primary" onClick={() => setEditing(r)}>
                    编辑
                  </Button>
                  <Button className={`e2e-room-toggle-${r.id}`} size="small" fill="outline" onClick={() => void toggleRoom(r)}>
                    {r.active ? '停用' : '启用'}
                  </Button>
                </View>
              </View>
            ))}
          </PageState>
        </Section>
      )}
      {unitId && (
        <Section title={editing ? `编辑 ${editing.label}` : '添加房屋'}>
          <RoomForm room={editing} onSave={saveRoom} onCancel={editing ? () => setEditing(null) : undefined} />
        </Section>
      )}
    </View>
  );
}
