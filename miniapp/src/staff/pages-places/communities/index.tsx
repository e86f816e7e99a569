import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import type { PlaceCommunityView } from '@linli/shared';
import { api } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import { confirmActive, places } from '../api';
import '../places.css';

/** 小区与房屋: the company's communities (deactivated ones too); a new one; each opens its buildings and rooms. */
export default function Communities() {
  const list = useAsync(() => api.get<PlaceCommunityView[]>('/api/admin/communities', { silent: true }), []);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [address, setAddress] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  async function create() {
    if (!name.trim() || !/^[A-Z0-9]{2,16}$/.test(code.trim())) {
      setError('请填写小区名称，编码为 2–16 位大写字母或数字');
      return;
    }
    setSaving(true);
    setError('');
    try {
      const c = await places.create<PlaceCommunityView>('/api/admin/communities', {
        name: name.trim(),
        code: code.trim(),
        address: address.trim() || undefined,
      });
      list.setData([...(list.data ?? []), c]);
      setName('');
      setCode('');
      setAddress('');
      void Taro.showToast({ title: '已新建小区', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  async function toggle(c: PlaceCommunityView) {
    if (!(await confirmActive('小区', !c.active))) return;
    try {
      const saved = await places.update<PlaceCommunityView>(`/api/admin/communities/${c.id}`, { version: c.version, active: !c.active });
      list.setData((list.data ?? []).map((x) => (x.id === c.id ? saved : x)));
    } catch {
      void list.reload();
    }
  }

  return (
    <View className="ll-page page-places">
      <Section title="小区">
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={!list.data?.length} emptyText="还没有小区，请在下方新建">
          {list.data?.map((c) => (
            <View key={c.id} className={`pl-card e2e-place-community-${c.id}`}>
              <View className="ll-row">
                <Text className="pl-name">
                  {c.name}（{c.code}）
                </Text>
                <Tag type={c.active ? 'success' : 'default'}>{c.active ? '使用中' : '已停用'}</Tag>
              </View>
              {c.address && <Text className="ll-card-line ll-muted">{c.address}</Text>}
              <View className="ll-btn-row">
                <Button
                  className={`e2e-open-community-${c.id}`}
                  size="small"
                  type="primary"
                  onClick={() => void Taro.navigateTo({ url: `/pages-places/tree/index?communityId=${c.id}` })}
                >
                  楼栋与房屋
                </Button>
                <Button size="small" fill="outline" onClick={() => void Taro.navigateTo({ url: `/pages-places/import/index?communityId=${c.id}` })}>
                  批量导入
                </Button>
                <Button className={`e2e-toggle-community-${c.id}`} size="small" fill="outline" onClick={() => void toggle(c)}>
                  {c.active ? '停用' : '启用'}
                </Button>
              </View>
            </View>
          ))}
        </PageState>
      </Section>
      <Section title="新建小区">
        <View className="ll-field">
          <Text className="ll-label">小区名称</Text>
          <Input className="ll-input e2e-community-name" placeholder="如 锦绣花园" value={name} onChange={setName} maxLength={100} />
        </View>
        <View className="ll-field">
          <Text className="ll-label">小区编码（用于单号）</Text>
          <Input className="ll-input e2e-community-code" placeholder="如 JXHY" value={code} onChange={(v) => setCode(v.toUpperCase())} maxLength={16} />
        </View>
        <View className="ll-field">
          <Text className="ll-label">地址（选填）</Text>
          <Input className="ll-input e2e-community-address" placeholder="如 锦绣路 88 号" value={address} onChange={setAddress} maxLength={255} />
        </View>
        {error && <Text className="pl-error e2e-form-error">{error}</Text>}
        <Button className="e2e-community-create" type="primary" block loading={saving} onClick={() => void create()}>
          新建小区
        </Button>
      </Section>
    </View>
  );
}
