import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatYuan, PUBLIC_INCOME_STATUS_LABELS, type PublicIncomeView } from '@linli/shared';
import { api, qs, showError } from '@common/api';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { formatShanghai } from '@common/repairs';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { editPage } from '../util';
import './index.css';

function QuarterCard({ v, canPublish, onChanged }: { v: PublicIncomeView; canPublish: boolean; onChanged: (v: PublicIncomeView) => void }) {
  async function publish() {
    const { confirm } = await Taro.showModal({
      title: '发布公示',
      content: `发布后小区住户可见「${v.quarterLabel}」公共收益（结余 ${formatYuan(v.balanceCents)}），并收到站内通知；发布后不能修改。`,
      confirmText: '发布',
    });
    if (!confirm) return;
    try {
      onChanged(await api.post<PublicIncomeView>(`/api/fees/public-incomes/${v.id}/publish`, { version: v.version }));
      void Taro.showToast({ title: '已发布', icon: 'success' });
    } catch (e) {
      showError(e);
    }
  }
  const draft = v.status === 'draft';
  return (
    <View className={`pil-card e2e-income-card-${v.quarter}`}>
      <View className="ll-row">
        <Text className="pil-title">{v.quarterLabel}</Text>
        <Tag type={draft ? 'warning' : 'success'}>{PUBLIC_INCOME_STATUS_LABELS[v.status]}</Tag>
      </View>
      <Text className="pil-line">
        收入 {formatYuan(v.incomeCents)} · 支出 {formatYuan(v.expenseCents)} · 结余 <Text className="e2e-income-balance">{formatYuan(v.balanceCents)}</Text>
      </Text>
      {v.rows.map((r, i) => (
        <Text key={i} className="pil-row">
          {r.category}：收入 {formatYuan(r.incomeCents)}，支出 {formatYuan(r.expenseCents)}
          {r.note ? `（${r.note}）` : ''}
        </Text>
      ))}
      {v.publishedAt && (
        <Text className="ll-muted pil-row">
          {v.publishedByName ?? ''} 公示于 {formatShanghai(v.publishedAt)}
        </Text>
      )}
      {draft && (
        <View className="pil-actions">
          <Button size="small" className="e2e-income-edit" onClick={() => void Taro.navigateTo({ url: editPage(v.communityId, v.id) })}>
            修改
          </Button>
          {canPublish && (
            <Button size="small" type="primary" className="e2e-income-publish" onClick={() => void publish()}>
              发布公示
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

function Quarters({ communityId, canPublish }: { communityId: number; canPublish: boolean }) {
  const list = usePageData(() => api.get<PublicIncomeView[]>(`/api/fees/public-incomes${qs({ communityId })}`, { silent: true }), [communityId]);
  const rows = list.data ?? [];
  return (
    <PageState loading={list.loading && !list.data} error={list.data ? null : list.error} onRetry={list.reload}>
      <Section title="各季度公共收益" extra={<Text className="ll-muted">{canPublish ? '发布后住户可见' : '草稿由经理发布'}</Text>}>
        {rows.length === 0 && <Empty text="还没有录入公共收益" />}
        {rows.map((v) => (
          <QuarterCard key={v.id} v={v} canPublish={canPublish} onChanged={(n) => list.setData(rows.map((x) => (x.id === n.id ? n : x)))} />
        ))}
      </Section>
      <Button className="e2e-income-new" block type="primary" onClick={() => void Taro.navigateTo({ url: editPage(communityId) })}>
        录入季度公共收益
      </Button>
    </PageState>
  );
}

/** 公共收益公示 for the finance office: the cashier enters drafts, the manager and the admin publish them. */
export default function IncomeListPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const communities = me.data?.communities ?? [];
  const canPublish = !!me.data?.roles.some((r) => r === 'manager' || r === 'admin');
  return (
    <View className="ll-page page-income-list">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        {communityId && <Quarters key={communityId} communityId={communityId} canPublish={canPublish} />}
      </PageState>
    </View>
  );
}
