import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  formatYuan,
  PAYMENT_STATUS_LABELS,
  type CashierDayView,
  type Page,
  type PaymentListItem,
  type ReversalView,
  FEE_REQUEST_KIND_LABELS,
  FEE_REQUEST_STATUS_LABELS,
  PAY_REFUND_STATE_LABELS,
} from '@linli/shared';
import { api, qs, showError } from '@common/api';
import { useAsync } from '@common/hooks';
import { formatTime } from '@common/format';
import { Empty, PageState, Section } from '@common/components';
import { receiptPage } from '../util';
import '../index/index.css';
import './index.css';

/** 日结: the cashier's day by method, its refunds and receipts; closing freezes the totals (once a day). */
export default function ClosePage() {
  const day = useAsync(() => api.get<CashierDayView>('/api/fees/cashier/day', { silent: true }), []);
  const list = useAsync(() => api.get<Page<PaymentListItem>>(`/api/fees/payments${qs({ mine: '1', limit: 100 })}`, { silent: true }), []);
  const reversals = useAsync(() => api.get<Page<ReversalView>>(`/api/fees/reversals${qs({ status: 'pending' })}`, { silent: true }), []);
  const [busy, setBusy] = useState(false);
  const d = day.data;

  async function close() {
    if (!d) return;
    const { confirm } = await Taro.showModal({
      title: `${d.date} 日结`,
      content: `共 ${d.paymentCount} 笔，收款 ${formatYuan(d.amountCents)}，退款 ${formatYuan(d.refunds.amountCents)}。日结后今日不能再收款，确认日结？`,
      confirmText: '确认日结',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      day.setData(await api.post<CashierDayView>('/api/fees/cashier/close', { date: d.date }));
      void Taro.showToast({ title: '已日结', icon: 'success' });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-cashier-close">
      <PageState loading={day.loading && !d} error={d ? null : day.error} onRetry={day.reload}>
        {d && (
          <Section title={`${d.date} ${d.cashierName}`} className="e2e-day">
            {d.methods.map((m) => (
              <View key={m.method} className="ll-row cc-row">
                <Text>{m.label}</Text>
                <Text>
                  {m.count} 笔 · {formatYuan(m.amountCents)}
                </Text>
              </View>
            ))}
            <View className="ll-row cc-row cc-sum">
              <Text>收款合计</Text>
              <Text className="e2e-day-total">
                {d.paymentCount} 笔 · {formatYuan(d.amountCents)}
              </Text>
            </View>
            <View className="ll-row cc-row">
              <Text>当日退款（已批准）</Text>
              <Text>
                {d.refunds.count} 笔 · {formatYuan(d.refunds.amountCents)}
              </Text>
            </View>
            <View className="ll-row cc-row cc-sum">
              <Text>应交款</Text>
              <Text>{formatYuan(d.netCents)}</Text>
            </View>
            {d.closed ? (
              <Text className="cc-closed e2e-day-closed">
                已于 {formatTime(d.closed.at)} 日结：{d.closed.paymentCount} 笔 {formatYuan(d.closed.amountCents)}
                {d.unclosedCount ? `（另有 ${d.unclosedCount} 笔未计入，次日处理）` : ''}
              </Text>
            ) : (
              <Button className="e2e-day-close" block type="primary" loading={busy} disabled={busy} onClick={() => void close()}>
                日结
              </Button>
            )}
          </Section>
        )}
        {d && (
          <Section
            title="线上收款（微信支付）"
            extra={<Text className="e2e-online-total">{`${d.online.count} 笔 · ${formatYuan(d.online.amountCents)}`}</Text>}
            className="e2e-online"
          >
            <Text className="ll-muted">居民在小程序中的缴费，不属于任何收银员，不计入上方合计，也不随日结冻结（与微信支付对账单核对）。</Text>
            {d.online.count === 0 && <Empty text="当日暂无线上收款" />}
            {d.online.payments.map((p) => (
              <View key={p.id} className="ll-row cc-row e2e-online-payment" onClick={() => void Taro.navigateTo({ url: receiptPage(p.id) })}>
                <Text>
                  {p.receiptNo} {p.communityName} {p.roomLabel}
                </Text>
                <Text>
                  {formatYuan(p.amountCents)} {p.status !== 'paid' ? PAYMENT_STATUS_LABELS[p.status] : ''} ›
                </Text>
              </View>
            ))}
          </Section>
        )}
        <Section title="今日收据">
          {list.data && list.data.items.length === 0 && <Empty text="今日还没有收款" />}
          {list.data?.items.map((p) => (
            <View key={p.id} className="ll-row cc-row e2e-day-payment" onClick={() => void Taro.navigateTo({ url: receiptPage(p.id) })}>
              <Text>
                {p.receiptNo} {p.roomLabel}
              </Text>
              <Text>
                {formatYuan(p.amountCents)} {p.status !== 'paid' ? PAYMENT_STATUS_LABELS[p.status] : ''} ›
              </Text>
            </View>
          ))}
        </Section>
        <Section title="待审批的作废 / 退款">
          {reversals.data && reversals.data.items.length === 0 && <Empty text="没有待审批的申请" />}
          {reversals.data?.items.map((r) => (
            <View key={r.id} className="ll-row cc-row" onClick={() => void Taro.navigateTo({ url: receiptPage(r.paymentId) })}>
              <Text>
                {FEE_REQUEST_KIND_LABELS[r.kind]} {r.receiptNo} {formatYuan(r.amountCents)}
              </Text>
              <Text className="ll-muted">{r.wechatState ? PAY_REFUND_STATE_LABELS[r.wechatState] : FEE_REQUEST_STATUS_LABELS[r.status]}</Text>
            </View>
          ))}
        </Section>
      </PageState>
    </View>
  );
}
