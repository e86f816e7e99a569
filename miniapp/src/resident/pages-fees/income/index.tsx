import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { formatYuan, PublicIncomeView } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { formatShanghai } from '@common/repairs';
import './index.css';

export function IncomeQuarter({ v }: { v: PublicIncomeView }) {
  return (
    <Section title={`${v.quarterLabel}公共收益`} className={`e2e-income-${v.quarter}`}>
      <View className="pi-totals">
        <View className="pi-total">
          <Text className="ll-muted">收入</Text>
          <Text className="pi-num">{formatYuan(v.incomeCents)}</Text>
        </View>
        <View className="pi-total">
          <Text className="ll-muted">支出 / 使用</Text>
          <Text className="pi-num">{formatYuan(v.expenseCents)}</Text>
        </View>
        <View className="pi-total">
          <Text className="ll-muted">结余</Text>
          <Text className={`pi-num pi-balance e2e-income-balance ${v.balanceCents < 0 ? 'is-negative' : ''}`}>{formatYuan(v.balanceCents)}</Text>
        </View>
      </View>
      {v.rows.map((r, i) => (
        <View key={i} className="pi-row">
          <View className="ll-row">
            <Text className="pi-category">{r.category}</Text>
            <Text className="pi-sub">
              收入 {formatYuan(r.incomeCents)} · 支出 {formatYuan(r.expenseCents)}
            </Text>
          </View>
          {r.note && <Text className="pi-note">{r.note}</Text>}
        </View>
      ))}
      {v.publishedAt && <Text className="ll-muted pi-when">公示于 {formatShanghai(v.publishedAt)}</Text>}
    </Section>
  );
}

function CommunityIncome({ communityId }: { communityId: number }) {
  const list = useAsync(() => api.get<PublicIncomeView[]>(`/api/fees/public-income${qs({ communityId })}`, { silent: true }), [communityId]);
  const v = list.data;
  return (
    <PageState
      loading={list.loading && !v}
      error={v ? null : list.error}
      onRetry={list.reload}
      empty={!!v && v.length === 0}
      emptyText="本小区暂无公共收益公示"
    >
      {v?.map((q) => (
        <IncomeQuarter key={q.id} v={q} />
      ))}
      <Section>
        <Text className="pi-note">公共收益来自小区共有部分（广告、公共车位、场地出租等），由物业服务中心财务按季度公示，接受全体业主监督。</Text>
      </Section>
    </PageState>
  );
}

/** 公共收益公示 of each community where the resident holds an approved room. */
export default function IncomePage() {
  const me = useMe();
  const communities = [...new Map((me.data?.bindings ?? []).filter((b) => b.status === 'approved').map((b) => [b.communityId, b.communityName])).entries()];
  const [picked, setPicked] = useState<number | null>(null);
  const communityId = picked ?? communities[0]?.[0] ?? null;
  return (
    <View className="ll-page page-fee-income">
      <PageState
        loading={me.loading && !me.data}
        error={me.data ? null : me.error}
        onRetry={me.reload}
        empty={!!me.data && communities.length === 0}
        emptyText="绑定房屋后可查看所在小区的公共收益公示"
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
        {communityId && <CommunityIncome key={communityId} communityId={communityId} />}
      </PageState>
    </View>
  );
}
