import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Cell, Tag } from '@nutui/nutui-react-taro';
import { api } from '@common/api';
import { fetchMe, logout } from '@common/auth';
import { CHANGE_PASSWORD_PAGE, IS_H5 } from '@common/env';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { InboxEntry } from '@common/notify/InboxEntry';
import { useUnreadCount } from '@common/notify/use-unread-count';
import { communityNames, roleLabels } from '../../roles';

export default function StaffMe() {
  const { data: me, loading, error, reload, setData } = useMe();
  const [linking, setLinking] = useState(false);
  const { unread } = useUnreadCount();

  async function linkWechat() {
    setLinking(true);
    try {
      const { code } = await Taro.login();
      await api.post('/api/me/link-wechat', { code });
      setData(await fetchMe());
      void Taro.showToast({ title: '已绑定微信', icon: 'success' });
    } catch {
      /* toast shown */
    } finally {
      setLinking(false);
    }
  }

  return (
    <View className="ll-page page-staff-me">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && (
          <>
            <Section>
              <InboxEntry unread={unread} />
            </Section>
            <Section title="个人信息">
              <Cell className="e2e-me-name" title="姓名" extra={me.name} />
              <Cell className="e2e-me-roles" title="角色" extra={roleLabels(me.roles)} />
              <Cell className="e2e-me-communities" title="所属小区" extra={communityNames(me)} />
              <Cell className="e2e-me-company" title="公司" extra={me.companyName} />
              <Cell className="e2e-me-phone" title="手机号" extra={me.phoneMasked ?? '未登记'} />
            </Section>
            <Section title="账号与安全">
              <Cell className="e2e-me-password" title="修改密码" extra="›" clickable onClick={() => void Taro.navigateTo({ url: CHANGE_PASSWORD_PAGE })} />
            </Section>
            {me.roles.includes('admin') && (
              <Section title="管理" className="e2e-me-admin">
                <Cell
                  className="e2e-admin-staff"
                  title="员工账号"
                  extra="›"
                  description="新建、角色与小区、停用、重置密码"
                  clickable
                  onClick={() => void Taro.navigateTo({ url: '/pages-admin/staff/index' })}
                />
                <Cell
                  className="e2e-admin-prices"
                  title="有偿服务价目表"
                  extra="›"
                  description="维修收费项目与单价"
                  clickable
                  onClick={() => void Taro.navigateTo({ url: '/pages-admin/prices/index' })}
                />
                <Cell
                  className="e2e-me-duty-phones"
                  title="小区值班电话"
                  extra="›"
                  description="紧急报修时住户一键拨打"
                  clickable
                  onClick={() => void Taro.navigateTo({ url: '/pages-org/duty-phones/index' })}
                />
              </Section>
            )}
            {!IS_H5 && (
              <Section title="消息通知">
                <Cell
                  title="微信通知"
                  description="绑定后可在微信中接收工单与审核提醒"
                  extra={me.wechatLinked ? <Tag type="success">已绑定</Tag> : <Tag type="default">未绑定</Tag>}
                />
                <View className="ll-gap" />
                <Button className="e2e-link-wechat" block type="primary" fill="outline" loading={linking} onClick={() => void linkWechat()}>
                  {me.wechatLinked ? '重新绑定微信（用于接收通知）' : '绑定微信（用于接收通知）'}
                </Button>
              </Section>
            )}
            <Button className="e2e-logout" block type="default" onClick={() => void logout()}>
              退出登录
            </Button>
          </>
        )}
      </PageState>
    </View>
  );
}
