import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import type { StaffView } from '@linli/shared';
import { useAsync, usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { communitiesText, rolesText, staffApi, type CommunityOption } from '../admin';
import '../admin.css';

function StaffCard({ s, communities }: { s: StaffView; communities: CommunityOption[] | undefined }) {
  return (
    <View
      className={`ad-card e2e-staff-row ${s.active ? '' : 'is-off'}`}
      onClick={() => void Taro.navigateTo({ url: `/pages-admin/staff-edit/index?id=${s.id}` })}
    >
      <View className="ll-row">
        <Text className="ad-name">
          {s.name} <Text className="ll-muted ad-username">{s.username}</Text>
        </Text>
        <View className="ad-tags">
          {!s.active && <Tag type="default">已停用</Tag>}
          {s.active && s.mustChangePassword && <Tag type="warning">待改初始密码</Tag>}
          {s.lockedUntil && <Tag type="danger">已锁定</Tag>}
        </View>
      </View>
      <Text className="ad-line">{rolesText(s.roles)}</Text>
      <Text className="ad-line ll-muted">
        {s.roles.includes('admin') ? '全部小区' : communitiesText(s.communityIds, communities)} · {s.phoneMasked ?? '未登记手机号'}
      </Text>
    </View>
  );
}

/** 员工账号: the company's staff, searchable; tap one to edit, or 新建员工. */
export default function StaffList() {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const list = usePageData(() => staffApi.list(q), [q]);
  const communities = useAsync(() => staffApi.communities().catch(() => [] as CommunityOption[]));
  const search = () => {
    const next = input.trim();
    if (next === q) void list.reload();
    else setQ(next);
  };
  const active = list.data?.filter((s) => s.active).length ?? 0;
  return (
    <View className="ll-page page-admin-staff">
      <Section>
        <View className="ad-search">
          <Input
            className="ll-input ad-search-input e2e-staff-q"
            placeholder="姓名、用户名或手机号"
            value={input}
            onChange={setInput}
            confirmType="search"
            onConfirm={search}
            clearable
            onClear={() => setInput('')}
          />
          <Button className="e2e-staff-search" type="primary" onClick={search}>
            搜索
          </Button>
        </View>
        <View className="ll-gap" />
        <Button className="e2e-staff-new" block type="primary" fill="outline" onClick={() => void Taro.navigateTo({ url: '/pages-admin/staff-edit/index' })}>
          ＋ 新建员工
        </Button>
      </Section>
      <Section title={q ? `“${q}”的搜索结果` : '全部员工'} extra={list.data ? <Text className="ll-muted">{active} 人在职</Text> : undefined}>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={!list.data?.length} emptyText={q ? '没有找到匹配的员工' : '暂无员工'}>
          {list.data?.map((s) => (
            <StaffCard key={s.id} s={s} communities={communities.data} />
          ))}
        </PageState>
      </Section>
    </View>
  );
}
