import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FEE_REQUEST_KIND_LABELS, formatYuan, type PaymentView } from '@linli/shared';
import { api } from '@common/api';
import { IS_H5 } from '@common/env';
import { useAsync, useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { ReceiptCard } from '@common/fees/ReceiptCard';
import { CASHIER_PAGE, reversalPage } from '../util';
import './index.css';

/** The printable receipt; the cashier asks for a void or refund from here. */
export default function ReceiptPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const me = useMe();
  const p = useAsync(() => api.get<PaymentView>(`/api/fees/payments/${id}`, { silent: true }), [id]);
  useDidShow(() => p.reload());
  const v = p.data;
  const canReverse = !!me.data?.roles.some((r) => r === 'cashier' || r === 'manager' || r === 'admin');
  return (
    <View className="ll-page page-cashier-receipt">
      <PageState loading={p.loading && !v} error={v ? null : p.error} onRetry={p.reload}>
        {v && (
          <>
            <ReceiptCard p={v} />
            {v.pendingReversal && (
              <Section className="rc-no-print">
                <Text className="cr-pending e2e-pending-reversal">
                  {FEE_REQUEST_KIND_LABELS[v.pendingReversal.kind]} {formatYuan(v.pendingReversal.amountCents)} 待经理审批
                </Text>
              </Section>
            )}
            <View className="rc-no-print cr-actions">
              {IS_H5 && (
                <Button className="e2e-receipt-print" type="primary" block onClick={() => window.print()}>
                  打印收据
                </Button>
              )}
              {canReverse && v.status === 'paid' && v.refundedCents < v.amountCents && !v.pendingReversal && (
                <Button className="e2e-receipt-reverse" block onClick={() => void Taro.navigateTo({ url: reversalPage(v.id) })}>
                  申请作废 / 退款
                </Button>
              )}
              <Button className="e2e-receipt-back" block fill="none" onClick={() => void Taro.redirectTo({ url: CASHIER_PAGE })}>
                返回收银台
              </Button>
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
