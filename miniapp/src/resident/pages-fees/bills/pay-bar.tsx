import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BillLineView, formatYuan, PAY_ORDER_STATUS_LABELS, PayOrderView, RESIDENT_PROMPTS } from '@linli/shared';
import { api } from '@common/api';
import { IS_H5 } from '@common/env';
import { useSubscribePrompt } from '@common/notify/subscribe';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the server until the order is paid (it queries WeChat Pay when the callback is late) or no longer payable. */
async function waitPaid(id: number): Promise<PayOrderView | null> {
  for (let i = 0; i < 30; i++) {
    const o = await api.get<PayOrderView>(`/api/pay/orders/${id}`, { silent: true }).catch(() => null);
    if (o && o.status !== 'pending') return o;
    await sleep(i < 10 ? 500 : 1500);
  }
  return null;
}

/** 微信缴费: the chosen open lines (or all) → a server-priced order → the WeChat payment sheet (H5: a simulated one) → the receipt. */
export function PayBar({ roomId, lines, picked, onPaid }: { roomId: number; lines: BillLineView[]; picked: Set<number>; onPaid: () => void }) {
  const subscribe = useSubscribePrompt(RESIDENT_PROMPTS.feePay);
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<PayOrderView | null>(null);
  const chosen = lines.filter((l) => picked.has(l.id));
  const estimate = chosen.reduce((s, l) => s + l.openCents + l.lateFeeCents, 0);

  const finish = async (o: PayOrderView) => {
    Taro.showLoading({ title: '正在确认支付结果', mask: true });
    const done = await waitPaid(o.id).finally(() => Taro.hideLoading());
    if (done?.status === 'paid' && done.paymentId) {
      onPaid();
      void Taro.navigateTo({ url: `/pages-fees/receipt/index?id=${done.paymentId}` });
    } else if (done?.status === 'refunded') {
      onPaid();
      void Taro.showModal({ title: '已自动退款', content: `${PAY_ORDER_STATUS_LABELS.refunded}（${formatYuan(done.amountCents)}）。`, showCancel: false });
    } else if (done?.status === 'closed') toast('订单已关闭或已过期，未扣款，请重新缴费');
    else toast('支付结果确认中，请稍后在“已缴记录”中查看');
  };

  const start = async (all: boolean) => {
    await subscribe();
    setBusy(true);
    try {
      const body = all ? { roomId } : { roomId, billLineIds: chosen.map((l) => l.id) };
      const o = await api.post<PayOrderView>('/api/pay/orders', body);
      if (IS_H5 || !o.payParams) return setSheet(o);
      try {
        await Taro.requestPayment({ ...o.payParams });
      } catch (e) {
        const msg = String((e as { errMsg?: string }).errMsg ?? '');
        return toast(/cancel/.test(msg) ? '已取消支付' : '支付未完成，请重试');
      }
      await finish(o);
    } catch {
      // the API error is already shown
    } finally {
      setBusy(false);
    }
  };

  const confirmSheet = async () => {
    const o = sheet!;
    setBusy(true);
    try {
      await api.post<PayOrderView>(`/api/pay/dev/confirm/${o.id}`);
      setSheet(null);
      await finish(o);
    } catch {
      // shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className="fb-paybar e2e-paybar">
        <Text className="fb-pay-sum e2e-pay-estimate">
          已选 {chosen.length} 项 约 {formatYuan(estimate)}
        </Text>
        <Button className="e2e-pay-selected" type="primary" size="small" disabled={busy || !chosen.length} onClick={() => void start(false)}>
          缴纳所选
        </Button>
        <Button className="e2e-pay-all" size="small" fill="outline" disabled={busy || !lines.length} onClick={() => void start(true)}>
          全部缴纳
        </Button>
      </View>
      {sheet && (
        <View className="fb-sheet-mask e2e-pay-sheet">
          <View className="fb-sheet">
            <Text className="fb-sheet-title">微信支付（开发模拟）</Text>
            <Text className="fb-sheet-amount e2e-pay-sheet-amount">{formatYuan(sheet.amountCents)}</Text>
            <Text className="ll-muted">
              含滞纳金 {formatYuan(sheet.lateFeeCents)}，共 {sheet.billLineIds.length} 项账单，15 分钟内有效
            </Text>
            <Button className="e2e-pay-confirm" type="primary" loading={busy} disabled={busy} onClick={() => void confirmSheet()}>
              确认支付
            </Button>
            <Button
              className="e2e-pay-cancel"
              fill="none"
              disabled={busy}
              onClick={() => {
                setSheet(null);
                toast('已取消支付');
              }}
            >
              取消
            </Button>
          </View>
        </View>
      )}
    </>
  );
}
