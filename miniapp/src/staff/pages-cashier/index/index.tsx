import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  ALLOCATION_RULE_TEXT,
  CASHIER_METHODS,
  formatYuan,
  parseScaled,
  PAYMENT_METHOD_LABELS,
  type CashierDayView,
  type CashierRoomHit,
  type PaymentMethod,
  type PaymentView,
  type RoomBillsView,
} from '@linli/shared';
import { api, ApiError, newIdempotencyKey, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import { CLOSE_PAGE, receiptPage } from '../util';
import './index.css';

function Takings() {
  const day = useAsync(() => api.get<CashierDayView>('/api/fees/cashier/day', { silent: true }), []);
  useDidShow(() => day.reload());
  const d = day.data;
  return (
    <Section
      title="今日收款"
      extra={
        <Text className="cs-link e2e-cashier-close" onClick={() => void Taro.navigateTo({ url: CLOSE_PAGE })}>
          日结 ›
        </Text>
      }
    >
      {!!day.error && !d && <Text className="ll-muted">{errorMessage(day.error)}</Text>}
      {d && (
        <View className="cs-takings e2e-takings">
          <View className="cs-taking-main">
            <Text className="cs-big">{formatYuan(d.amountCents)}</Text>
            <Text className="ll-muted">
              {d.paymentCount} 笔{d.closed ? ' · 已日结' : ''}
            </Text>
          </View>
          {d.methods.map((m) => (
            <Text key={m.method} className="cs-method-total">
              {m.label} {m.count} 笔 {formatYuan(m.amountCents)}
            </Text>
          ))}
        </View>
      )}
    </Section>
  );
}

function Bills({ hit, onPaid }: { hit: CashierRoomHit; onPaid: (p: PaymentView) => void }) {
  const bills = useAsync(() => api.get<RoomBillsView>(`/api/fees/bills${qs({ roomId: hit.roomId })}`, { silent: true }), [hit.roomId]);
  const [picked, setPicked] = useState<number[] | null>(null);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState('');
  const [payer, setPayer] = useState(hit.ownerName ?? '');
  const [invoice, setInvoice] = useState(false);
  const [title, setTitle] = useState('');
  const [taxId, setTaxId] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const open = bills.data?.open ?? [];
  const chosen = picked ?? open.map((l) => l.id);
  const total = open.filter((l) => chosen.includes(l.id)).reduce((s, l) => s + l.openCents + l.lateFeeCents, 0);
  const toggle = (id: number) => setPicked(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);

  async function submit() {
    const cents = amount.trim() ? parseScaled(amount, 2) : total;
    if (!chosen.length) return setError('请选择要收款的账单');
    if (cents === null || cents <= 0) return setError('请输入正确的收款金额（元，最多两位小数）');
    if (cents > total) return setError(`收款金额不能超过应收合计 ${formatYuan(total)}（不设预存款）`);
    if (invoice && !title.trim()) return setError('请填写发票抬头');
    setError('');
    const { confirm } = await Taro.showModal({
      title: '确认收款',
      content: `${hit.label} 收款 ${formatYuan(cents)}（${PAYMENT_METHOD_LABELS[method]}），确认后生成收据。`,
      confirmText: '确认收款',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const body = {
        roomId: hit.roomId,
        method,
        amountCents: cents,
        expectedTotalCents: total,
        billLineIds: chosen,
        payerName: payer.trim() || undefined,
        invoiceTitle: invoice ? title.trim() : undefined,
        invoiceTaxId: invoice && taxId.trim() ? taxId.trim().toUpperCase() : undefined,
      };
      const p = await api.post<PaymentView>('/api/fees/payments', body, { idempotencyKey: key, silent: true });
      setKey(newIdempotencyKey());
      onPaid(p);
    } catch (e) {
      setError(errorMessage(e));
      // the late fee or the bills moved: read them again
      if (e instanceof ApiError && e.status === 409) {
        setKey(newIdempotencyKey());
        setPicked(null);
        bills.reload();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageState loading={bills.loading && !bills.data} error={bills.data ? null : bills.error} onRetry={bills.reload}>
      <Section title={`${hit.communityName} ${hit.label} 的未缴账单`} className="e2e-open-bills">
        {open.length === 0 && <Empty text="该房屋没有未缴账单" />}
        {open.map((l) => (
          <View key={l.id} className={`cs-bill e2e-bill-${l.id} ${chosen.includes(l.id) ? 'is-on' : ''}`} onClick={() => toggle(l.id)}>
            <View className="ll-row">
              <Text className="cs-check">{chosen.includes(l.id) ? '☑' : '☐'}</Text>
              <Text className="cs-bill-name">
                {l.periodLabel} {l.name}
              </Text>
              <Text className="cs-bill-amount">{formatYuan(l.openCents + l.lateFeeCents)}</Text>
            </View>
            <Text className="cs-bill-line">
              本金 {formatYuan(l.openCents)} · 截止 {l.deferredUntil ?? l.dueDate}
              {l.overdue ? ' · 已逾期' : ''}
            </Text>
            {l.lateFeeFormula && <Text className="cs-bill-line cs-late">{l.lateFeeFormula}</Text>}
          </View>
        ))}
      </Section>
      {open.length > 0 && (
        <Section title="收款">
          <Text className="cs-rule e2e-allocation-rule">{ALLOCATION_RULE_TEXT}</Text>
          <View className="cs-total">
            <Text>应收合计（滞纳金按今日 {bills.data?.asOf} 计算）</Text>
            <Text className="cs-big e2e-pay-total">{formatYuan(total)}</Text>
          </View>
          <Text className="ll-label">收款方式</Text>
          <View className="ll-chips">
            {CASHIER_METHODS.map((m) => (
              <View key={m} className={`ll-chip e2e-method-${m} ${method === m ? 'is-active' : ''}`} onClick={() => setMethod(m)}>
                {PAYMENT_METHOD_LABELS[m]}
              </View>
            ))}
          </View>
          <View className="ll-field">
            <Text className="ll-label">实收金额（元，不填为应收合计；可少收，不可多收）</Text>
            <Input className="ll-input e2e-pay-amount" type="digit" value={amount} onChange={setAmount} placeholder={(total / 100).toFixed(2)} />
          </View>
          <View className="ll-field">
            <Text className="ll-label">交款人</Text>
            <Input className="ll-input e2e-pay-payer" value={payer} onChange={setPayer} maxLength={50} />
          </View>
          <View className={`ll-chip e2e-pay-invoice ${invoice ? 'is-active' : ''}`} onClick={() => setInvoice(!invoice)}>
            需要发票（交财务开具）
          </View>
          {invoice && (
            <>
              <View className="ll-field">
                <Text className="ll-label">发票抬头</Text>
                <Input className="ll-input e2e-pay-invoice-title" value={title} onChange={setTitle} maxLength={100} />
              </View>
              <View className="ll-field">
                <Text className="ll-label">税号（15/18/20 位大写字母和数字，个人可不填）</Text>
                <Input className="ll-input e2e-pay-tax-id" value={taxId} onChange={setTaxId} maxLength={20} />
              </View>
            </>
          )}
          {error && <Text className="cs-error e2e-pay-error">{error}</Text>}
          <Button className="e2e-pay-submit" block type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
            确认收款
          </Button>
        </Section>
      )}
    </PageState>
  );
}

/** 收银台: today's takings, find a room by number or phone, take a payment against its open bills → the receipt. */
export default function CashierPage() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<CashierRoomHit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState('');
  const [room, setRoom] = useState<CashierRoomHit | null>(null);

  async function search() {
    if (!q.trim()) return;
    setSearching(true);
    setError('');
    setRoom(null);
    try {
      const r = await api.get<CashierRoomHit[]>(`/api/fees/cashier/rooms${qs({ q: q.trim() })}`, { silent: true });
      setHits(r);
      if (r.length === 1) setRoom(r[0]);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSearching(false);
    }
  }

  return (
    <View className="ll-page page-cashier">
      <Takings />
      <Section title="查找房屋">
        <View className="ll-row cs-search">
          <Input className="ll-input e2e-room-search" value={q} onChange={setQ} placeholder="房号或手机号（可输后四位）" onConfirm={() => void search()} />
          <Button className="e2e-room-search-go" type="primary" size="small" loading={searching} onClick={() => void search()}>
            查找
          </Button>
        </View>
        {error && <Text className="cs-error">{error}</Text>}
        {hits && hits.length === 0 && <Empty text="没有找到房屋" />}
        {hits && hits.length > 0 && !room && (
          <View className="cs-hits">
            {hits.map((h) => (
              <View key={h.roomId} className={`cs-hit e2e-room-hit-${h.roomId}`} onClick={() => setRoom(h)}>
                <Text className="cs-bill-name">
                  {h.communityName} {h.label}
                </Text>
                <Text className="ll-muted">
                  {h.ownerName ?? '—'} {h.ownerPhone ?? ''} · 未缴 {h.openLines} 笔
                </Text>
              </View>
            ))}
          </View>
        )}
        {room && (
          <Text className="ll-muted e2e-room-picked">
            {room.communityName} {room.label} · 业主 {room.ownerName ?? '—'} {room.ownerPhone ?? ''}
          </Text>
        )}
      </Section>
      {room && <Bills key={room.roomId} hit={room} onPaid={(p) => void Taro.navigateTo({ url: receiptPage(p.id) })} />}
    </View>
  );
}
