import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { ROLE_LABELS, STAFF_ROLES, type ResetPasswordResponse, type StaffView } from '@linli/shared';
import { api, ApiError } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { getCachedMe } from '@common/session';
import { confirmDanger, showAdminError, staffApi, type CommunityOption } from '../admin';
import '../admin.css';

/** The new initial password, shown this once; the staff member must change it at their next login. */
function SecretBox({ title, password }: { title: string; password: string }) {
  return (
    <View className="ad-secret e2e-initial-password">
      <Text className="ad-note">{title}</Text>
      <Text className="ad-secret-value e2e-initial-password-value">{password}</Text>
      <Text className="ad-note ll-muted">只显示这一次，请当面或电话告知该员工。对方首次登录后须修改为自己的密码。</Text>
    </View>
  );
}

function Chips<T extends string | number>({
  hook,
  options,
  value,
  onChange,
}: {
  hook: string;
  options: { id: T; label: string }[];
  value: T[];
  onChange: (v: T[]) => void;
}) {
  return (
    <View className="ll-chips">
      {options.map((o) => {
        const on = value.includes(o.id);
        return (
          <View
            key={o.id}
            className={`ll-chip e2e-${hook}-${o.id} ${on ? 'is-active' : ''}`}
            onClick={() => onChange(on ? value.filter((x) => x !== o.id) : [...value, o.id])}
          >
            {on ? '✓ ' : ''}
            {o.label}
          </View>
        );
      })}
    </View>
  );
}

interface Form {
  username: string;
  name: string;
  phone: string;
  roles: string[];
  communityIds: number[];
}
const EMPTY: Form = { username: '', name: '', phone: '', roles: [], communityIds: [] };

function problemOf(f: Form, creating: boolean): string | null {
  if (creating && !/^[a-zA-Z0-9_.-]{3,64}$/.test(f.username)) return '用户名为 3–64 位字母、数字或 _ . -';
  if (!f.name.trim()) return '请填写姓名';
  if (f.phone && !/^1[3-9]\d{9}$/.test(f.phone)) return '手机号格式不正确';
  if (!f.roles.length) return '请至少选择一个角色';
  return null;
}

/** 新建员工 (no id) or 员工资料 (?id=): name, phone, roles, communities; 重置密码 and 停用/启用 with confirmation. */
export default function StaffEdit() {
  const { params } = useRouter();
  const id = params.id ? Number(params.id) : null;
  const self = getCachedMe()?.id === id;
  const staff = useAsync(
    async () =>
      id ? ((await staffApi.list('')).find((s) => s.id === id) ?? Promise.reject(new ApiError({ code: 'NOT_FOUND', message: '找不到该员工' }, 404))) : null,
    [id],
  );
  const communities = useAsync(staffApi.communities);
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ title: string; password: string } | null>(null);
  const s = staff.data;

  useEffect(() => {
    if (s) setForm({ username: s.username, name: s.name, phone: '', roles: s.roles, communityIds: s.communityIds });
  }, [s]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '员工资料' : '新建员工' });
  }, [id]);

  const set = (patch: Partial<Form>) => {
    setError(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  async function save() {
    const problem = problemOf(form, !id);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      if (!s) {
        const created = await api.post<StaffView>(
          '/api/admin/staff',
          { username: form.username.trim(), name: form.name.trim(), phone: form.phone || undefined, roles: form.roles, communityIds: form.communityIds },
          { silent: true },
        );
        staff.setData(created);
        setSecret({ title: `已创建账号 ${created.username}，初始密码：`, password: created.initialPassword ?? '' });
        void Taro.setNavigationBarTitle({ title: '员工资料' });
      } else {
        const body = {
          version: s.version,
          name: form.name.trim(),
          roles: form.roles,
          communityIds: form.communityIds,
          ...(form.phone ? { phone: form.phone } : {}),
        };
        staff.setData(await api.patch<StaffView>(`/api/admin/staff/${s.id}`, body, { silent: true }));
        void Taro.showToast({ title: '已保存', icon: 'success' });
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        showAdminError(e);
        void staff.reload();
      } else setError(e instanceof ApiError ? e.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  async function setActive(active: boolean) {
    if (!s) return;
    if (!active && !(await confirmDanger('停用账号', `停用后「${s.name}」将立即退出所有设备且不能再登录，确定停用吗？`, '停用'))) return;
    setBusy(true);
    try {
      staff.setData(await api.patch<StaffView>(`/api/admin/staff/${s.id}`, { version: s.version, active }, { silent: true }));
      void Taro.showToast({ title: active ? '已启用' : '已停用', icon: 'success' });
    } catch (e) {
      showAdminError(e);
      void staff.reload();
    } finally {
      setBusy(false);
    }
  }

  async function resetPassword() {
    if (!s || !(await confirmDanger('重置密码', `将为「${s.name}」生成新的初始密码，对方所有设备立即退出登录，下次登录须修改密码。确定重置吗？`, '重置')))
      return;
    setBusy(true);
    try {
      const r = await api.post<ResetPasswordResponse>(`/api/admin/staff/${s.id}/reset-password`, {}, { silent: true });
      setSecret({ title: `「${s.name}」的新初始密码：`, password: r.initialPassword });
      void staff.reload();
    } catch (e) {
      showAdminError(e);
    } finally {
      setBusy(false);
    }
  }

  const communityOptions = (communities.data ?? []).map((c: CommunityOption) => ({ id: c.id, label: c.name }));
  return (
    <View className="ll-page page-admin-staff-edit">
      <PageState loading={staff.loading} error={staff.error} onRetry={staff.reload}>
        {secret && (
          <Section>
            <SecretBox title={secret.title} password={secret.password} />
            <Button className="e2e-secret-done" block type="primary" onClick={() => void Taro.navigateBack()}>
              我已告知，返回列表
            </Button>
          </Section>
        )}
        {s && (
          <Section title="账号状态">
            <View className="ll-row e2e-staff-status">
              <Text>
                {s.username}
                {self ? '（本人）' : ''}
              </Text>
              <View className="ad-tags">
                {s.active ? <Tag type="success">在职</Tag> : <Tag type="default">已停用</Tag>}
                {s.mustChangePassword && <Tag type="warning">待改初始密码</Tag>}
                {s.lockedUntil && <Tag type="danger">已锁定</Tag>}
              </View>
            </View>
          </Section>
        )}
        <Section title={s ? '资料' : '新建员工'} className="ad-form">
          {!s && (
            <>
              <Text className="ll-label">用户名（登录用，创建后不能修改）</Text>
              <Input className="ll-input e2e-staff-username" placeholder="如 agent3" value={form.username} onChange={(v) => set({ username: v })} />
            </>
          )}
          <Text className="ll-label">姓名</Text>
          <Input className="ll-input e2e-staff-name" placeholder="员工姓名" value={form.name} onChange={(v) => set({ name: v })} />
          <Text className="ll-label">手机号（选填）</Text>
          <Input
            className="ll-input e2e-staff-phone"
            type="digit"
            maxLength={11}
            placeholder={s?.phoneMasked ? `当前 ${s.phoneMasked}，不改请留空` : '11 位手机号'}
            value={form.phone}
            onChange={(v) => set({ phone: v.trim() })}
          />
          <Text className="ll-label">角色</Text>
          <Chips
            hook="role"
            options={STAFF_ROLES.map((r) => ({ id: r as string, label: ROLE_LABELS[r] }))}
            value={form.roles}
            onChange={(roles) => set({ roles })}
          />
          <Text className="ll-label">所属小区</Text>
          {communityOptions.length ? (
            <Chips hook="community" options={communityOptions} value={form.communityIds} onChange={(communityIds) => set({ communityIds })} />
          ) : (
            <Text className="ll-muted">{communities.loading ? '加载中…' : '暂无小区'}</Text>
          )}
          <Text className="ll-muted ad-note">公司管理员可查看全部小区；其他角色只处理所选小区的工单。</Text>
          {error && <Text className="ad-error e2e-staff-error">{error}</Text>}
          <View className="ll-gap" />
          <Button className="e2e-staff-save" block type="primary" loading={busy} onClick={() => void save()}>
            {s ? '保存修改' : '创建账号'}
          </Button>
          {!s && <Text className="ll-muted ad-note">系统将生成初始密码并只显示一次；员工首次登录须修改密码。</Text>}
        </Section>
        {s && !self && (
          <Section title="账号操作">
            <Button className="e2e-staff-reset" block type="primary" fill="outline" disabled={!s.active || busy} onClick={() => void resetPassword()}>
              重置密码
            </Button>
            <View className="ll-gap" />
            {s.active ? (
              <Button className="e2e-staff-deactivate ad-danger" block type="danger" fill="outline" disabled={busy} onClick={() => void setActive(false)}>
                停用账号
              </Button>
            ) : (
              <Button className="e2e-staff-activate" block type="success" fill="outline" disabled={busy} onClick={() => void setActive(true)}>
                重新启用
              </Button>
            )}
          </Section>
        )}
      </PageState>
    </View>
  );
}
