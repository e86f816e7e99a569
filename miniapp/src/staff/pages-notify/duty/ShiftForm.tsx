import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DUTY_SHIFT_MAX_DAYS_AHEAD, ROLE_LABELS, SHIFT_PROBLEM_MESSAGES, shiftError, type DutyShiftView, type DutyStaffView } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState } from '@common/components';
import { shanghaiDay, shanghaiInstant } from '@common/repairs';

const hm = (v: string) => v.split(':').map(Number) as [number, number];

/** the shift's instants: an end at or before the start runs into the next day */
function span(date: string, from: string, to: string): { startsAt: string; endsAt: string } {
  const [fh, fm] = hm(from);
  const [th, tm] = hm(to);
  const endDay = th * 60 + tm <= fh * 60 + fm ? shanghaiDay(new Date(shanghaiInstant(date, 12)), 1) : date;
  return { startsAt: shanghaiInstant(date, fh, fm), endsAt: shanghaiInstant(endDay, th, tm) };
}

const problemOf = (w: { startsAt: string; endsAt: string }) => shiftError(new Date(w.startsAt), new Date(w.endsAt), new Date());

/** today for the default 08:00–20:00, or tomorrow once today's is over */
function defaultDay(): string {
  const today = shanghaiDay(new Date());
  return problemOf(span(today, '08:00', '20:00')) === 'shift_in_past' ? shanghaiDay(new Date(), 1) : today;
}

/** 新增排班 (supervisor, manager, admin): who, as which role, which Shanghai day, from – to (an end before the start runs into the next day). */
export function ShiftForm({ communityId, onCreated }: { communityId: number; onCreated: (s: DutyShiftView) => void }) {
  const staff = useAsync(() => api.get<DutyStaffView[]>(`/api/staff/duty/staff${qs({ communityId })}`, { silent: true }), [communityId]);
  const [userId, setUserId] = useState<number | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [date, setDate] = useState(defaultDay);
  const [from, setFrom] = useState('08:00');
  const [to, setTo] = useState('20:00');
  const [saving, setSaving] = useState(false);
  const person = staff.data?.find((s) => s.id === userId);
  const when = span(date, from, to);
  const problem = problemOf(when);

  function pick(s: DutyStaffView) {
    setUserId(s.id);
    setRole(s.roles.length === 1 ? s.roles[0] : null);
  }

  async function save() {
    if (!userId || !role) {
      void Taro.showToast({ title: '请选择值班人员和岗位', icon: 'none' });
      return;
    }
    if (problem) {
      void Taro.showToast({ title: SHIFT_PROBLEM_MESSAGES[problem], icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const created = await api.post<DutyShiftView>('/api/staff/duty/shifts', { communityId, userId, role, ...when });
      void Taro.showToast({ title: '已排班', icon: 'success' });
      onCreated(created);
    } catch {
      /* toast shown */
    } finally {
      setSaving(false);
    }
  }

  return (
    <PageState loading={staff.loading} error={staff.error} onRetry={staff.reload} empty={staff.data?.length === 0} emptyText="该小区暂无员工">
      <View className="ll-field">
        <Text className="ll-label">值班人员</Text>
        <View className="ll-chips">
          {staff.data?.map((s) => (
            <View key={s.id} className={`ll-chip e2e-shift-staff-${s.id} ${userId === s.id ? 'is-active' : ''}`} onClick={() => pick(s)}>
              {s.name}
            </View>
          ))}
        </View>
      </View>
      {person && person.roles.length > 1 && (
        <View className="ll-field">
          <Text className="ll-label">岗位</Text>
          <View className="ll-chips">
            {person.roles.map((r) => (
              <View key={r} className={`ll-chip e2e-shift-role-${r} ${role === r ? 'is-active' : ''}`} onClick={() => setRole(r)}>
                {ROLE_LABELS[r]}
              </View>
            ))}
          </View>
        </View>
      )}
      <View className="ll-field">
        <Text className="ll-label">日期与时间</Text>
        <View className="duty-when">
          <Picker
            mode="date"
            value={date}
            start={shanghaiDay(new Date())}
            end={shanghaiDay(new Date(), DUTY_SHIFT_MAX_DAYS_AHEAD - 1)}
            onChange={(e) => setDate(String(e.detail.value))}
          >
            <View className="duty-picker e2e-shift-date">{date}</View>
          </Picker>
          <Picker mode="time" value={from} onChange={(e) => setFrom(String(e.detail.value))}>
            <View className="duty-picker e2e-shift-from">{from}</View>
          </Picker>
          <Text className="duty-dash">至</Text>
          <Picker mode="time" value={to} onChange={(e) => setTo(String(e.detail.value))}>
            <View className="duty-picker e2e-shift-to">
              {to}
              {hm(to)[0] * 60 + hm(to)[1] <= hm(from)[0] * 60 + hm(from)[1] ? '（次日）' : ''}
            </View>
          </Picker>
        </View>
      </View>
      {problem && (
        <View className="duty-warning e2e-shift-warning">
          <Text>{SHIFT_PROBLEM_MESSAGES[problem]}</Text>
        </View>
      )}
      <Button className="e2e-shift-save" block type="primary" loading={saving} disabled={saving || !!problem} onClick={() => void save()}>
        保存排班
      </Button>
    </PageState>
  );
}
