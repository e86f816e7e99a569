import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Switch, Tag } from '@nutui/nutui-react-taro';
import { MAX_READING_E2, parseScaled, periodLabel, type MeterReadingView, type MeterSheetRoom, type MeterSheetView } from '@linli/shared';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { e2, meters, usePeriodChoice } from '../api';
import '../meter.css';

const REVIEWERS = ['supervisor', 'manager', 'admin'];
const STATUS_TAG = { recorded: 'success', approved: 'success', held: 'warning', billed: 'default' } as const;

/** The first room still without this period's reading (else the first). */
const firstOpen = (rooms: MeterSheetRoom[]) =>
  Math.max(
    0,
    rooms.findIndex((r) => !r.current),
  );

function RoomForm({
  room,
  unit,
  sheet,
  onSaved,
}: {
  room: MeterSheetRoom;
  unit: string;
  sheet: { feeItemId: number; period: string };
  onSaved: (v: MeterReadingView) => void;
}) {
  const [reading, setReading] = useState(room.current ? e2(room.current.readingE2) : '');
  const [replaced, setReplaced] = useState(!!room.current?.replaced);
  const [oldFinal, setOldFinal] = useState('');
  const [newStart, setNewStart] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const num = (s: string) => parseScaled(s, 2, MAX_READING_E2);

  async function save() {
    const readingE2 = num(reading);
    if (readingE2 === null) return setError('请填写本期读数（最多两位小数）');
    const body: Record<string, unknown> = { roomId: room.roomId, ...sheet, readingE2 };
    if (replaced) {
      const o = num(oldFinal);
      const n = num(newStart);
      if (o === null || n === null) return setError('换表时请填写旧表止码和新表起码');
      Object.assign(body, { replaced: true, oldFinalE2: o, newStartE2: n });
    }
    if (room.current) body.version = room.current.version;
    setBusy(true);
    setError('');
    try {
      onSaved(await meters.enter(body));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const billed = room.current?.status === 'billed';
  return (
    <View className="mt-form">
      <View className="ll-row">
        <Text className="mt-room e2e-meter-room">{room.label}</Text>
        {room.current && (
          <Tag className={`e2e-meter-status-${room.current.status}`} type={STATUS_TAG[room.current.status]}>
            {room.current.statusLabel}
          </Tag>
        )}
      </View>
      <Text className="ll-card-line e2e-meter-previous">
        {room.previous
          ? `上期读数（${periodLabel(room.previous.period)}）：${e2(room.previous.readingE2)} ${unit}`
          : '无上期读数：本次读数作为起始读数，不计费'}
      </Text>
      {room.current && (
        <Text className="ll-card-line">
          本期已录：{e2(room.current.readingE2)}，用量 {e2(room.current.usageE2)} {unit}
        </Text>
      )}
      <View className="ll-field">
        <Text className="ll-label">本期读数（{unit}）</Text>
        <Input className="ll-input e2e-meter-reading" type="digit" placeholder="例如 145.50" value={reading} onChange={setReading} disabled={billed} />
      </View>
      <View className="ll-row ll-field">
        <Text>本期换过表</Text>
        <Switch className="e2e-meter-replaced" checked={replaced} onChange={setReplaced} disabled={billed} />
      </View>
      {replaced && (
        <View className="mt-pair">
          <View className="ll-field">
            <Text className="ll-label">旧表止码</Text>
            <Input className="ll-input e2e-meter-old-final" type="digit" value={oldFinal} onChange={setOldFinal} />
          </View>
          <View className="ll-field">
            <Text className="ll-label">新表起码</Text>
            <Input className="ll-input e2e-meter-new-start" type="digit" value={newStart} onChange={setNewStart} />
          </View>
        </View>
      )}
      {error && <Text className="mt-error e2e-meter-error">{error}</Text>}
      {billed ? (
        <Text className="ll-muted">本期读数已出账，不能再修改</Text>
      ) : (
        <Button className="e2e-meter-save" block type="primary" loading={busy} onClick={() => void save()}>
          {room.current ? '保存修改并下一户' : '保存并下一户'}
        </Button>
      )}
    </View>
  );
}

function Sheet({ sheet, onChange }: { sheet: MeterSheetView; onChange: (s: MeterSheetView) => void }) {
  const [at, setAt] = useState(() => firstOpen(sheet.rooms));
  const [notice, setNotice] = useState<MeterReadingView | null>(null);
  const room = sheet.rooms[at];
  function saved(v: MeterReadingView) {
    const rooms = sheet.rooms.map((r) => (r.roomId === v.roomId ? { ...r, current: v } : r));
    onChange({ ...sheet, rooms });
    setNotice(v);
    if (v.status !== 'held') void Taro.showToast({ title: `${v.roomLabel} 已保存`, icon: 'none' });
    if (at < rooms.length - 1) setAt(at + 1);
  }
  const done = sheet.rooms.filter((r) => r.current).length;
  return (
    <>
      <Section
        title={`${sheet.buildingName} · ${sheet.itemName} · ${periodLabel(sheet.period)}`}
        extra={
          <Text className="ll-muted e2e-meter-progress">
            已录 {done} / {sheet.rooms.length}
          </Text>
        }
      >
        {notice?.status === 'held' && (
          <View className="mt-held e2e-meter-held">
            <Text>{notice.roomLabel} 读数异常，已提交主管审核，审核通过后出账：</Text>
            <Text>{notice.holdReason}</Text>
          </View>
        )}
        <RoomForm key={room.roomId} room={room} unit={sheet.meterUnit} sheet={{ feeItemId: sheet.feeItemId, period: sheet.period }} onSaved={saved} />
        <View className="ll-btn-row">
          <Button size="small" className="e2e-meter-prev" disabled={at === 0} onClick={() => setAt(at - 1)}>
            上一户
          </Button>
          <Button size="small" className="e2e-meter-next" disabled={at >= sheet.rooms.length - 1} onClick={() => setAt(at + 1)}>
            跳过
          </Button>
        </View>
      </Section>
      <Section title="本楼房屋">
        <View className="ll-chips">
          {sheet.rooms.map((r, i) => (
            <View
              key={r.roomId}
              className={`ll-chip mt-chip-${r.current?.status ?? 'none'} ${i === at ? 'is-active' : ''} e2e-meter-jump-${r.roomId}`}
              onClick={() => setAt(i)}
            >
              {r.label.replace(sheet.buildingName, '')}
            </View>
          ))}
        </View>
      </Section>
    </>
  );
}

function Picker({ communityId }: { communityId: number }) {
  const items = usePageData(() => meters.items(communityId), [communityId]);
  const buildings = usePageData(() => meters.buildings(communityId), [communityId]);
  const [itemId, setItemId] = useState<number | null>(null);
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const [options, period, setPeriod] = usePeriodChoice();
  const item = itemId ?? items.data?.[0]?.id ?? null;
  const building = buildingId ?? buildings.data?.[0]?.id ?? null;
  const sheet = usePageData(() => (item && building ? meters.sheet(building, item, period) : Promise.resolve(null)), [item, building, period]);
  useEffect(() => setBuildingId(null), [communityId]);
  return (
    <PageState
      loading={(items.loading && !items.data) || (buildings.loading && !buildings.data)}
      error={items.error ?? buildings.error}
      onRetry={() => (items.reload(), buildings.reload())}
    >
      <Section>
        <Text className="ll-label">楼栋</Text>
        <View className="ll-chips">
          {(buildings.data ?? []).map((b) => (
            <View key={b.id} className={`ll-chip ${building === b.id ? 'is-active' : ''} e2e-meter-building-${b.id}`} onClick={() => setBuildingId(b.id)}>
              {b.name}
            </View>
          ))}
        </View>
        <Text className="ll-label">项目</Text>
        <View className="ll-chips">
          {(items.data ?? []).map((i) => (
            <View key={i.id} className={`ll-chip ${item === i.id ? 'is-active' : ''} e2e-meter-item-${i.id}`} onClick={() => setItemId(i.id)}>
              {i.name}（{i.meterUnit}）
            </View>
          ))}
        </View>
        <Text className="ll-label">抄表月份</Text>
        <View className="ll-chips">
          {options.map((p) => (
            <View key={p} className={`ll-chip ${period === p ? 'is-active' : ''} e2e-meter-period-${p}`} onClick={() => setPeriod(p)}>
              {periodLabel(p)}
            </View>
          ))}
        </View>
      </Section>
      {items.data && !items.data.length && <Empty text="本小区没有按表计量的收费项目" />}
      {buildings.data && !buildings.data.length && <Empty text="本小区还没有楼栋" />}
      {item && building && (
        <PageState
          loading={sheet.loading && !sheet.data}
          error={sheet.data ? null : sheet.error}
          onRetry={sheet.reload}
          empty={!!sheet.data && !sheet.data.rooms.length}
          emptyText="本楼栋没有房屋"
        >
          {sheet.data && <Sheet key={`${building}-${item}-${period}`} sheet={sheet.data} onChange={sheet.setData} />}
        </PageState>
      )}
    </PageState>
  );
}

/** 抄表录入: community → building → item → month; one room at a time, the next one after each save. */
export default function MeterEntryPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-meter-entry">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        <Section>
          <View className="ll-btn-row">
            {me.data?.roles.some((r) => REVIEWERS.includes(r)) && (
              <Button size="small" className="e2e-meter-go-review" onClick={() => void Taro.navigateTo({ url: '/pages-meter/review/index' })}>
                异常读数审核
              </Button>
            )}
            <Button size="small" className="e2e-meter-go-import" onClick={() => void Taro.navigateTo({ url: '/pages-meter/import/index' })}>
              导入读数
            </Button>
          </View>
        </Section>
        {communityId && <Picker key={communityId} communityId={communityId} />}
      </PageState>
    </View>
  );
}
