import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { PASSWORD_MIN_LENGTH, passwordProblem, type LoginResponse } from '@linli/shared';
import { api, ApiError, goLogin } from '@common/api';
import { logout } from '@common/auth';
import { Section } from '@common/components';
import { getCachedMe, hasSession, saveTokens, setCachedMe } from '@common/session';
import './index.css';

const HOME = '/pages/workbench/index';

/**
 * Change one's password. Opened from 我的, or — on an initial password (an account created or reset by an admin) —
 * before anything else: no way back into the app until it is changed, only 退出登录.
 */
export default function ChangePassword() {
  const { params } = useRouter();
  const forced = params.first === '1' || getCachedMe()?.mustChangePassword === true;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!hasSession()) goLogin();
  }, []);

  const problem = next ? passwordProblem(next, current || undefined) : null;
  const mismatch = again !== '' && again !== next;

  async function submit() {
    const local = !current
      ? `请输入${forced ? '初始密码' : '当前密码'}`
      : (passwordProblem(next, current) ?? (again !== next ? '两次输入的新密码不一致' : null));
    if (local) {
      setError(local);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<LoginResponse>('/api/auth/password', { currentPassword: current, newPassword: next }, { silent: true });
      saveTokens(res);
      setCachedMe(res.me);
      void Taro.showToast({ title: '密码已修改', icon: 'success' });
      await Taro.reLaunch({ url: HOME });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '修改失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-password">
      {forced && (
        <View className="pw-banner e2e-password-forced">
          <Text className="pw-banner-title">首次登录，请先修改初始密码</Text>
          <Text className="pw-banner-text">为了账号安全，管理员设置的初始密码须改为只有您知道的密码后才能使用员工端。</Text>
        </View>
      )}
      <Section>
        <Text className="ll-label">{forced ? '初始密码' : '当前密码'}</Text>
        <Input
          className="ll-input e2e-password-current"
          type="password"
          placeholder={forced ? '管理员告诉您的初始密码' : '请输入当前密码'}
          value={current}
          onChange={setCurrent}
        />
        <View className="ll-gap" />
        <Text className="ll-label">新密码</Text>
        <Input
          className="ll-input e2e-password-new"
          type="password"
          placeholder={`至少 ${PASSWORD_MIN_LENGTH} 位，含字母和数字`}
          value={next}
          onChange={setNext}
        />
        {problem && <Text className="pw-hint e2e-password-problem">{problem}</Text>}
        <View className="ll-gap" />
        <Text className="ll-label">确认新密码</Text>
        <Input className="ll-input e2e-password-again" type="password" placeholder="再输入一次新密码" value={again} onChange={setAgain} />
        {mismatch && <Text className="pw-hint">两次输入的新密码不一致</Text>}
        <Text className="ll-muted pw-rules">
          密码要求：至少 {PASSWORD_MIN_LENGTH} 位，同时包含字母和数字，不能与原密码相同。修改后，其他设备上的登录将失效。
        </Text>
        {error && <Text className="pw-error e2e-password-error">{error}</Text>}
        <View className="ll-gap" />
        <Button className="e2e-password-submit" block type="primary" loading={busy} onClick={() => void submit()}>
          确认修改
        </Button>
      </Section>
      {forced && (
        <Button className="e2e-password-logout" block fill="none" onClick={() => void logout()}>
          退出登录
        </Button>
      )}
    </View>
  );
}
