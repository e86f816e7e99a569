import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BillLineView, formatYuan, PaidHistoryView, RESIDENT_PROMPTS, RoomBillsView } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { OpenPeriod, PaidLine } from './bill-parts';
import { PayBar } from './pay-bar';
import './index.css';

type Tab = 'open' | 'paid';

function OpenBills({ roomId }: { roomId: number }) {
  const bills = useAsync(() => api.get<RoomBillsView>(`/api/fees/bills${qs({ roomId })}`, { silent: true }), [roomId]);
  const subscribe = useSubscribePrompt(RESIDENT_PROMPTS.fee);
  const subscribeArrears = useSubscribePrompt(RESIDENT_PROMPTS.feeArrears);
  usePullDownRefresh(() => void bills.reload().finally(() => Taro.stopPullDownRefresh()));
  const v = bills.data;
  // every open line is picked by default, again after each load
  const [picked, setPicked] = useState<Set<number>>(new Set());
  useEffect(() => setPicked(new Set((v?.open ?? []).map((l) => l.id))), [v]);
  const toggle = (id: number) =>
    setPicked((p) => {
      const n = new Set(p);
      if (!n.delete(id)) n.add(id);
      return n;
    });
  const periods = new Map<string, { label: string; lines: BillLineView[] }>();
  for (const l of v?.open ?? []) periods.set(l.period, { label: l.periodLabel, lines: [...(periods.get(l.period)?.lines ?? []), l] });
  return (
    <PageState loading={bills.loading && !v} error={v ? null : bills.error} onRetry={bills.reload}>
      {v && (
        <>
          <Section className="fb-summary e2e-bills-summary">
            <Text className="ll-muted">
              {v.communityName} {v.roomLabel} · 待缴合计
            </Text>
            <Text className="fb-total e2e-total-open">{formatYuan(v.totalOpenCents)}</Text>
            <Text className="ll-muted">滞纳金按 {v.asOf} 计算；可微信缴费，或到物业服务中心缴纳（现金、POS 刷卡、银行转账）</Text>
            {v.open.length > 0 && <PayBar roomId={roomId} lines={v.open} picked={picked} onPaid={() => void bills.reload()} />}
            <Button
              className="e2e-subscribe-fees"
              size="small"
              fill="outline"
              onClick={() => void (v.open.some((l) => l.overdue) ? subscribeArrears() : subscribe())}
            >
              订阅缴费提醒
            </Button>
          </Section>
          <Section title="待缴账单" className="e2e-open-bills">
            {v.open.length === 0 && <Empty text="暂无待缴账单" />}
            {[...periods.entries()].map(([p, g]) => (
              <OpenPeriod key={p} label={g.label} lines={g.lines} picked={picked} onToggle={toggle} />
            ))}
          </Section>
        </>
      )}
    </PageState>
  );
}

function PaidHistory({ roomId, thisYear }: { roomId: number; thisYear: number }) {
  const [year, setYear] = useState(thisYear);
  const history = useAsync(() => api.get<PaidHistoryView>(`/api/fees/history${qs({ roomId, year })}`, { silent: true }), [roomId, year]);
  const v = history.data;
  return (
    <>
      <Section>
        <View className="ll-chips">
          {[0, 1, 2, 3].map((d) => (
            <View key={d} className={`ll-chip ${year === thisYear - d ? 'is-active' : ''} e2e-year-${thisYear - d}`} onClick={() => setYear(thisYear - d)}>
              {thisYear - d}年
            </View>
          ))}
        </View>
      </Section>
      <PageState loading={history.loading} error={history.error} onRetry={history.reload}>
        {v && (
          <Section title={`${year}年已缴记录`} extra={<Text className="ll-muted">合计 {formatYuan(v.totalPaidCents)}</Text>} className="e2e-paid-history">
            {v.lines.length === 0 && <Empty text="该年度暂无缴费记录" />}
            {v.lines.map((l) => (
              <PaidLine key={l.id} l={l} />
            ))}
          </Section>
        )}
      </PageState>
    </>
  );
}

/** 缴费: per approved room, the open bills and the paid history; links to the price table and the public income. */
export default function BillsPage() {
  const me = useMe();
  const { params } = useRouter();
  const rooms = [...new Map((me.data?.bindings ?? []).filter((b) => b.status === 'approved').map((b) => [b.roomId, b])).values()];
  const [picked, setPicked] = useState<number | null>(params.roomId ? Number(params.roomId) : null);
  const [tab, setTab] = useState<Tab>('open');
  const has = (id: number | null | undefined) => !!id && rooms.some((r) => r.roomId === id);
  const roomId = has(picked) ? picked! : has(me.data?.currentRoomId) ? me.data!.currentRoomId! : (rooms[0]?.roomId ?? null);
  const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  return (
    <View className="ll-page page-fee-bills">
      <PageState loading={me.loading && !me.data} error={me.data ? null : me.error} onRetry={me.reload}>
        {me.data && !roomId && (
          <Section>
            <Empty text="绑定房屋后可查询账单和缴费记录">
              <Button className="e2e-go-bind" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: '/pages-room/bind/index' })}>
                去绑定房屋
              </Button>
            </Empty>
          </Section>
        )}
        {roomId && (
          <>
            {rooms.length > 1 && (
              <Section>
                <View className="ll-chips">
                  {rooms.map((r) => (
                    <View
                      key={r.roomId}
                      className={`ll-chip ${roomId === r.roomId ? 'is-active' : ''} e2e-room-${r.roomId}`}
                      onClick={() => setPicked(r.roomId)}
                    >
                      {r.communityName} {r.roomLabel}
                    </View>
                  ))}
                </View>
              </Section>
            )}
            <View className="fb-tabs">
              {(['open', 'paid'] as Tab[]).map((k) => (
                <View key={k} className={`fb-tab ${tab === k ? 'is-active' : ''} e2e-tab-${k}`} onClick={() => setTab(k)}>
                  {k === 'open' ? '待缴账单' : '已缴记录'}
                </View>
              ))}
            </View>
            {tab === 'open' ? <OpenBills key={roomId} roomId={roomId} /> : <PaidHistory key={roomId} roomId={roomId} thisYear={thisYear} />}
            <Section>
              <View className="fb-links">
                <Text className="fb-link e2e-link-prices" onClick={() => void Taro.navigateTo({ url: '/pages-fees/prices/index' })}>
                  收费标准（价目表） ›
                </Text>
                <Text className="fb-link e2e-link-income" onClick={() => void Taro.navigateTo({ url: '/pages-fees/income/index' })}>
                  公共收益公示 ›
                </Text>
              </View>
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
