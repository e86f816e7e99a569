import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { DemoAccounts, LoginResponse } from '@linli/shared';
import { api } from '@common/api';
import { completeLogin } from '@common/auth';
import { CHANGE_PASSWORD_PAGE, IS_H5 } from '@common/env';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { roleLabels } from '../../roles';
import '@common/components/login.css';

const HOME = '/pages/workbench/index';

/** H5 only: demo staff accounts as quick-fill buttons. */
function DemoStaff({ onPick }: { onPick: (username: string, password: string) => void }) {
  const demo = useAsync(() => api.get<DemoAccounts>('/api/auth/demo-accounts', { anonymous: true, silent: true }));
  return (
    <Section title="演示账号" className="e2e-demo-staff">
      <Text className="ll-muted login-note">开发环境：点击填入账号密码。</Text>
      <PageState loading={demo.loading} error={demo.error} onRetry={demo.reload} empty={!demo.data?.staff.length} emptyText="暂无演示账号">
        <View className="ll-chips">
          {demo.data?.staff.map((s) => (
            <View key={s.username} className={`ll-chip e2e-demo-${s.username}`} onClick={() => onPick(s.username, s.password)}>
              {s.name} · {roleLabels(s.roles)}
            </View>
          ))}
        </View>
      </PageState>
    </Section>
  );
}

export default function StaffLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function login() {
    if (!username.trim() || !password) {
      void Taro.showToast({ title: '请输入用户名和密码', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const res = await api.post<LoginResponse>('/api/auth/staff-login', { username: username.trim(), password }, { anonymous: true });
      await completeLogin(res, res.mustChangePassword ? `${CHANGE_PASSWORD_PAGE}?first=1` : HOME);
    } catch {
      /* toast shown */
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-login">
      <View className="login-brand">
        <Text className="login-logo">邻里</Text>
        <Text className="ll-muted">员工端 · 物业客户服务中心</Text>
      </View>
      <Section>
        <Text className="ll-label">用户名</Text>
        <Input className="ll-input e2e-username" placeholder="请输入用户名" value={username} onChange={setUsername} clearable />
        <View className="ll-gap" />
        <Text className="ll-label">密码</Text>
        <Input className="ll-input e2e-password" type="password" placeholder="请输入密码" value={password} onChange={setPassword} />
        <View className="ll-gap" />
        <Button className="e2e-login-submit" block type="primary" loading={busy} onClick={() => void login()}>
          登录
        </Button>
      </Section>
      {IS_H5 && (
        <DemoStaff
          onPick={(u, p) => {
            setUsername(u);
            setPassword(p);
          }}
        />
      )}
    </View>
  );
}
