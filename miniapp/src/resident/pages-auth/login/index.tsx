import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { DemoAccounts, LoginResponse } from '@linli/shared';
import { api } from '@common/api';
import { completeLogin } from '@common/auth';
import { IS_H5 } from '@common/env';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import '@common/components/login.css';

const HOME = '/pages/index/index';

/** H5 only: log in as a demo resident or with any code (server: dev-login, not in production). */
function DevLogin() {
  const demo = useAsync(() => api.get<DemoAccounts>('/api/auth/demo-accounts', { anonymous: true, silent: true }));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  async function login(c: string) {
    const trimmed = c.trim();
    if (!trimmed) {
      void Taro.showToast({ title: '请输入登录码', icon: 'none' });
      return;
    }
    setBusy(trimmed);
    try {
      const res = await api.post<LoginResponse>('/api/auth/dev-login', { app: 'resident', code: trimmed }, { anonymous: true });
      await completeLogin(res, HOME);
    } catch {
      /* toast shown */
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title="开发登录" className="e2e-dev-login">
      <Text className="ll-muted login-note">开发环境：选择演示住户，或输入任意登录码（同一登录码对应同一住户）。</Text>
      <PageState loading={demo.loading} error={demo.error} onRetry={demo.reload} empty={!demo.data?.residents.length} emptyText="暂无演示住户">
        <View className="login-demo-list">
          {demo.data?.residents.map((r) => (
            <View key={r.code} className="login-demo-item">
              <Button className={`e2e-login-${r.code}`} block type="primary" fill="outline" loading={busy === r.code} onClick={() => void login(r.code)}>
                {r.name}（{r.code}）
              </Button>
              {r.note && <Text className="ll-muted login-demo-note">{r.note}</Text>}
            </View>
          ))}
        </View>
      </PageState>
      <View className="ll-gap" />
      <Text className="ll-label">自定义登录码</Text>
      <Input className="ll-input e2e-login-code" placeholder="自定义登录码" value={code} onChange={setCode} clearable />
      <View className="ll-gap" />
      <Button className="e2e-login-custom" block type="primary" loading={busy === code.trim() && !!code.trim()} onClick={() => void login(code)}>
        用登录码登录
      </Button>
    </Section>
  );
}

/** Mini-program: wx.login → POST /api/auth/wx-login. */
function WechatLogin() {
  const [busy, setBusy] = useState(false);
  async function login() {
    setBusy(true);
    try {
      const { code } = await Taro.login();
      const res = await api.post<LoginResponse>('/api/auth/wx-login', { app: 'resident', code }, { anonymous: true });
      await completeLogin(res, HOME);
    } catch {
      /* toast shown by the client (Taro.login failures are rare) */
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section>
      <Button className="e2e-wx-login" block type="primary" loading={busy} onClick={() => void login()}>
        微信一键登录
      </Button>
    </Section>
  );
}

export default function Login() {
  return (
    <View className="ll-page page-login">
      <View className="login-brand">
        <Text className="login-logo">邻里</Text>
        <Text className="ll-muted">物业服务，一键直达</Text>
      </View>
      {IS_H5 ? <DevLogin /> : <WechatLogin />}
    </View>
  );
}
