import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { PaymentView } from '@linli/shared';
import { api } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { ReceiptCard } from '@common/fees/ReceiptCard';

/** The resident's receipt (缴费凭证) of a payment for their room. */
export default function ResidentReceiptPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const p = useAsync(() => api.get<PaymentView>(`/api/fees/payments/${id}`, { silent: true }), [id]);
  return (
    <View className="ll-page page-fee-receipt">
      <PageState loading={p.loading && !p.data} error={p.data ? null : p.error} onRetry={p.reload}>
        {p.data && (
          <>
            <ReceiptCard p={p.data} />
            <Section>
              <Text className="ll-muted">本凭证为物业服务中心收款收据的电子副本；如需发票请联系物业财务。</Text>
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
