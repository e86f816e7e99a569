import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { addDays, formatYuan, shanghaiDate, type PayMismatchView, type PayReconciliationView, type PayReconSide } from '@linli/shared';
import { api, qs } from '@common/api';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { REFUNDS_PAGE } from '../util';
import '../pay.css';

const yesterday = () => addDays(shanghaiDate(new Date()), -1);
const cents = (c: number | null) => (c === null ? '—' : formatYuan(c));

/** ‹ 前一天 · YYYY-MM-DD (a date picker) · 后一天 › — no day after yesterday. */
function DaySwitch({ value, onChange }: { value: string; onChange: (d: string) => void }) {
  const last = value >= yesterday();
  return (
    <View className="py-day">
      <Text className="py-day-btn e2e-day-prev" onClick={() => onChange(addDays(value, -1))}>
        ‹ 前一天
      </Text>
      <Picker mode="date" value={value} end={yesterday()} onChange={(e) => onChange(String(e.detail.value))}>
        <Text className="py-day-label e2e-recon-day">{value}</Text>
      </Picker>
      <Text className={`py-day-btn e2e-day-next ${last ? 'is-off' : ''}`} onClick={() => !last && onChange(addDays(value, 1))}>
        后一天 ›
      </Text>
    </View>
  );
}

function Totals({ ours, theirs }: { ours: PayReconSide; theirs: PayReconSide | null }) {
  const rows: [string, keyof PayReconSide, keyof PayReconSide][] = [
    ['收款', 'paymentCount', 'paymentCents'],
    ['退款', 'refundCount', 'refundCents'],
  ];
  return (
    <View className="py-table e2e-recon-totals">
      <View className="py-tr py-th">
        <Text className="py-c1"> </Text>
        <Text className="py-c2">本系统</Text>
        <Text className="py-c2">微信账单</Text>
      </View>
      {rows.map(([label, n, c]) => {
        const off = !!theirs && (theirs[n] !== ours[n] || theirs[c] !== ours[c]);
        return (
          <View key={label} className={`py-tr e2e-recon-${n === 'paymentCount' ? 'payments' : 'refunds'}`}>
            <Text className="py-c1">{label}</Text>
            <Text className="py-c2">
              {ours[n]} 笔 · {formatYuan(ours[c])}
            </Text>
            <Text className={`py-c2 ${off ? 'py-off' : ''}`}>{theirs ? `${theirs[n]} 笔 · ${formatYuan(theirs[c])}` : '—'}</Text>
          </View>
        );
      })}
    </View>
  );
}

function Mismatch({ m }: { m: PayMismatchView }) {
  return (
    <View className={`py-card e2e-mismatch e2e-mismatch-${m.problem}`}>
      <View className="ll-row">
        <Text className="py-title">{m.ref}</Text>
        <Tag type={m.problem === 'amount_differs' ? 'warning' : 'danger'}>{m.problemLabel}</Tag>
      </View>
      <Text className="py-line">
        {m.kind === 'payment' ? '收款' : '退款'} · 本系统 {cents(m.oursCents)} · 微信 {cents(m.theirsCents)}
      </Text>
      <Text className="py-line">{m.roomLabel ? `${m.communityName ?? ''} ${m.roomLabel}`.trim() : '房屋未知（本系统无此单）'}</Text>
    </View>
  );
}

function Day({ date }: { date: string }) {
  const r = usePageData(() => api.get<PayReconciliationView>(`/api/pay/reconciliation${qs({ date })}`, { silent: true }), [date]);
  const v = r.data;
  return (
    <PageState loading={r.loading && !v} error={v ? null : r.error} onRetry={r.reload}>
      {v && (
        <>
          <Section title={`${v.date} 对账`} extra={<Text className={`py-status is-${v.status} e2e-recon-status`}>{v.statusLabel}</Text>} className="e2e-recon">
            {v.checkedAt && <Text className="ll-muted">核对于 {formatTime(v.checkedAt)}</Text>}
            {v.status === 'pending' && <Text className="ll-muted">每日 6:00 后自动下载微信交易账单核对前一日。</Text>}
            {v.status === 'unavailable' && <Text className="ll-muted">微信支付尚未提供该日账单，系统会自动重试。</Text>}
            <Totals ours={v.ours} theirs={v.theirs} />
          </Section>
          {v.status === 'reconciled' && (
            <Section title="不符项" extra={<Text className="ll-muted e2e-mismatch-count">{v.mismatches.length} 项</Text>}>
              {v.mismatches.length === 0 && <Empty text="账实相符，没有不符项" />}
              {v.mismatches.map((m) => (
                <Mismatch key={`${m.kind}:${m.ref}`} m={m} />
              ))}
            </Section>
          )}
        </>
      )}
    </PageState>
  );
}

/** 微信支付对账 (managers, admins): a day's trade bill against our payments and refunds; the 退款异常 list. */
export default function ReconPage() {
  const { params } = useRouter();
  const [date, setDate] = useState(params.date && /^\d{4}-\d\d-\d\d$/.test(params.date) ? params.date : yesterday());
  return (
    <View className="ll-page page-pay-recon">
      <Section>
        <DaySwitch value={date} onChange={setDate} />
      </Section>
      <Day key={date} date={date} />
      <Section>
        <Text className="py-link e2e-refund-failures-link" onClick={() => void Taro.navigateTo({ url: REFUNDS_PAGE })}>
          退款异常（微信退款失败） ›
        </Text>
      </Section>
    </View>
  );
}
