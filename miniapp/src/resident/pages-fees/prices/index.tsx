import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { PriceTableView } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { formatShanghai } from '@common/repairs';
import './index.css';

function PriceTable({ communityId }: { communityId: number }) {
  const table = useAsync(() => api.get<PriceTableView>(`/api/fees/price-table${qs({ communityId })}`, { silent: true }), [communityId]);
  const v = table.data;
  return (
    <PageState loading={table.loading && !v} error={v ? null : table.error} onRetry={table.reload}>
      {v && (
        <>
          <Section title={`${v.communityName} 收费价目表`} className="e2e-price-table">
            {v.rows.length === 0 && <Empty text="本小区尚未公示收费项目" />}
            {v.rows.map((r) => (
              <View key={r.id} className={`fp-row e2e-price-row-${r.id}`}>
                <Text className="fp-name">{r.name}</Text>
                <Text className="fp-standard e2e-price-standard">{r.standard}</Text>
                <Text className="fp-line">计费方式：{r.method}</Text>
                <Text className="fp-line">缴费人：{r.payer}</Text>
                <Text className="fp-line">服务内容：{r.serviceContent}</Text>
                <Text className="fp-line">滞纳金：{r.lateFee}</Text>
                <Text className="fp-line">执行日期：{r.startsOn}</Text>
                <Text className="fp-line">收费依据：{r.legalBasis}</Text>
              </View>
            ))}
          </Section>
          <Section>
            <Text className="fp-note">以上收费标准依法公示。如对收费有异议，可拨打价格举报电话：</Text>
            <Text className="fp-hotline e2e-price-hotline" onClick={() => void Taro.makePhoneCall({ phoneNumber: v.hotline }).catch(() => undefined)}>
              {v.hotline}
            </Text>
            {v.updatedAt && <Text className="ll-muted fp-updated">更新于 {formatShanghai(v.updatedAt)}</Text>}
          </Section>
        </>
      )}
    </PageState>
  );
}

/** 收费价目表 of each community where the resident holds an approved room. */
export default function PricesPage() {
  const me = useMe();
  const communities = [...new Map((me.data?.bindings ?? []).filter((b) => b.status === 'approved').map((b) => [b.communityId, b.communityName])).entries()];
  const [picked, setPicked] = useState<number | null>(null);
  const communityId = picked ?? communities[0]?.[0] ?? null;
  return (
    <View className="ll-page page-fee-prices">
      <PageState
        loading={me.loading}
        error={me.error}
        onRetry={me.reload}
        empty={!!me.data && communities.length === 0}
        emptyText="绑定房屋后可查看所在小区的收费标准"
      >
        {communities.length > 1 && (
          <Section>
            <View className="ll-chips">
              {communities.map(([id, name]) => (
                <View key={id} className={`ll-chip ${communityId === id ? 'is-active' : ''} e2e-community-${id}`} onClick={() => setPicked(id)}>
                  {name}
                </View>
              ))}
            </View>
          </Section>
        )}
        {communityId && <PriceTable key={communityId} communityId={communityId} />}
      </PageState>
    </View>
  );
}
