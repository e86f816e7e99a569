import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { FEE_PAYER_LABELS, type FeeItemView } from '@linli/shared';
import { api, qs, showError } from '@common/api';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { editPage } from '../util';
import './index.css';

function ItemCard({ item, canEdit, onChanged }: { item: FeeItemView; canEdit: boolean; onChanged: (v: FeeItemView) => void }) {
  async function toggle() {
    const stop = item.active;
    const { confirm } = await Taro.showModal({
      title: stop ? '停用收费项目' : '启用收费项目',
      content: stop ? `停用后「${item.name}」不再出现在价目表和新账单中，已出的账单不受影响。` : `启用后「${item.name}」重新公示并参与出账。`,
      confirmText: stop ? '停用' : '启用',
    });
    if (!confirm) return;
    try {
      onChanged(await api.patch<FeeItemView>(`/api/fees/items/${item.id}`, { version: item.version, active: !stop }));
    } catch (e) {
      showError(e);
    }
  }
  return (
    <View className={`fi-card e2e-fee-item-${item.id} ${item.active ? '' : 'is-off'}`}>
      <View className="ll-row">
        <Text className="fi-name">{item.name}</Text>
        {item.active ? <Tag type="success">公示中</Tag> : <Tag>已停用</Tag>}
      </View>
      <Text className="fi-standard e2e-fee-standard">{item.standardText}</Text>
      <Text className="fi-line">
        {item.methodText} · 缴费人：{FEE_PAYER_LABELS[item.payer]}
      </Text>
      <Text className="fi-line">缴费截止：计费周期结束后次月 {item.dueDay} 日</Text>
      <Text className="fi-line">滞纳金：{item.lateFeeText}</Text>
      <Text className="fi-line">
        执行日期 {item.startsOn}
        {item.legalBasis ? ` · 依据：${item.legalBasis}` : ''}
      </Text>
      {canEdit && (
        <View className="fi-actions">
          <Button size="small" className="e2e-fee-edit" onClick={() => void Taro.navigateTo({ url: editPage(item.communityId, item.id) })}>
            修改
          </Button>
          <Button size="small" className="e2e-fee-toggle" type={item.active ? 'default' : 'primary'} onClick={() => void toggle()}>
            {item.active ? '停用' : '启用'}
          </Button>
        </View>
      )}
    </View>
  );
}

function Items({ communityId, canEdit }: { communityId: number; canEdit: boolean }) {
  const items = usePageData(() => api.get<FeeItemView[]>(`/api/fees/items${qs({ communityId })}`, { silent: true }), [communityId]);
  const list = items.data ?? [];
  return (
    <PageState loading={items.loading && !items.data} error={items.data ? null : items.error} onRetry={items.reload}>
      <Section title="收费项目" extra={<Text className="ll-muted">住户端「收费标准」公示启用中的项目</Text>}>
        {list.length === 0 && <Empty text="还没有收费项目" />}
        {list.map((i) => (
          <ItemCard key={i.id} item={i} canEdit={canEdit} onChanged={(v) => items.setData(list.map((x) => (x.id === v.id ? v : x)))} />
        ))}
      </Section>
      {canEdit && (
        <Button className="e2e-fee-new" block type="primary" onClick={() => void Taro.navigateTo({ url: editPage(communityId) })}>
          新增收费项目
        </Button>
      )}
    </PageState>
  );
}

/** 收费项目 of a community: staff read them; admins add, edit and stop them. */
export default function FeeItemsPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-fee-items">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        {communityId && <Items key={communityId} communityId={communityId} canEdit={!!me.data?.roles.includes('admin')} />}
      </PageState>
    </View>
  );
}
