import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { idNumberProblem, PERMIT_MAX_DAYS, PERMIT_MAX_WORKERS, RESIDENT_PROMPTS, type PermitView } from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useMe } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { shanghaiDay } from '@common/repairs';
import '@common/permits/permits.css';

type Worker = { name: string; idNumber: string };

/** 申请装修: the owner's room, the contractor, the period and the workers (ID numbers checked here and on the server, kept masked). */
export default function PermitApplyPage() {
  const me = useMe();
  const owned = (me.data?.bindings ?? []).filter((b) => b.status === 'approved' && b.relation === 'owner');
  const [roomId, setRoomId] = useState<number | null>(null);
  const room = owned.find((b) => b.roomId === roomId) ?? owned.find((b) => b.roomId === me.data?.currentRoomId) ?? owned[0];
  const today = shanghaiDay(new Date());
  const [form, setForm] = useState({ contractorName: '', contractorPhone: '', description: '', startsOn: today, endsOn: shanghaiDay(new Date(), 29) });
  const [workers, setWorkers] = useState<Worker[]>([{ name: '', idNumber: '' }]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const idem = useRef<{ body: string; key: string } | null>(null);
  const prompt = useSubscribePrompt(RESIDENT_PROMPTS.permit);
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  const setWorker = (i: number, k: keyof Worker, v: string) => setWorkers(workers.map((w, j) => (j === i ? { ...w, [k]: v } : w)));

  function problem(): string | null {
    if (!room) return '请选择房屋';
    if (!form.contractorName.trim()) return '请填写装修单位或负责人';
    if (!/^1[3-9]\d{9}$/.test(form.contractorPhone.trim())) return '请填写装修负责人的 11 位手机号';
    if (form.startsOn > form.endsOn) return '开始日期不能晚于结束日期';
    for (const [i, w] of workers.entries()) {
      if (!w.name.trim()) return `请填写第 ${i + 1} 位施工人员的姓名`;
      const p = idNumberProblem(w.idNumber);
      if (p) return `第 ${i + 1} 位施工人员：${p}`;
    }
    return null;
  }

  async function submit() {
    const bad = problem();
    if (bad) return setError(bad);
    void prompt();
    const body = {
      roomId: room!.roomId,
      contractorName: form.contractorName.trim(),
      contractorPhone: form.contractorPhone.trim(),
      description: form.description.trim() || undefined,
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      workers: workers.map((w) => ({ name: w.name.trim(), idNumber: w.idNumber.trim().toUpperCase() })),
    };
    const bodyKey = JSON.stringify(body);
    if (!idem.current || idem.current.body !== bodyKey) idem.current = { body: bodyKey, key: newIdempotencyKey() };
    setBusy(true);
    setError('');
    try {
      const p = await api.post<PermitView>('/api/passes/permits', body, { idempotencyKey: idem.current.key, silent: true });
      // the typed ID numbers leave the page: from here on only the masked ones are shown
      setWorkers([{ name: '', idNumber: '' }]);
      void Taro.showToast({ title: '已提交，等待物业审核', icon: 'success' });
      await Taro.redirectTo({ url: `/pages-passes/permit/index?id=${p.id}` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-permit-apply">
      <PageState loading={me.loading && !me.data} error={me.data ? null : me.error} onRetry={me.reload}>
        {!owned.length ? (
          <Empty text="只有业主本人可以申请装修">
            <Text className="ll-muted">租户或家庭成员请联系业主在小程序中申请</Text>
          </Empty>
        ) : (
          <>
            <Section title="装修房屋">
              <View className="ll-chips">
                {owned.map((b) => (
                  <Text
                    key={b.roomId}
                    className={`ll-chip ${room?.roomId === b.roomId ? 'is-active' : ''} e2e-permit-room`}
                    onClick={() => setRoomId(b.roomId)}
                  >
                    {b.communityName} {b.roomLabel}
                  </Text>
                ))}
              </View>
            </Section>
            <Section title="装修单位">
              <Text className="ll-label">装修单位 / 负责人</Text>
              <Input
                className="ll-input e2e-permit-contractor"
                placeholder="如：好家装饰 王经理"
                value={form.contractorName}
                onChange={set('contractorName')}
                maxLength={60}
              />
              <View className="ll-gap" />
              <Text className="ll-label">负责人手机号</Text>
              <Input
                className="ll-input e2e-permit-phone"
                type="tel"
                placeholder="11 位手机号"
                value={form.contractorPhone}
                onChange={set('contractorPhone')}
                maxLength={11}
              />
              <View className="ll-gap" />
              <Text className="ll-label">装修内容（选填）</Text>
              <TextArea
                className="ll-textarea e2e-permit-desc"
                value={form.description}
                onChange={set('description')}
                maxLength={500}
                placeholder="如：厨卫翻新、墙面刷漆"
              />
            </Section>
            <Section title={`装修期限（最长 ${PERMIT_MAX_DAYS} 天）`}>
              <View className="pm-row-inputs">
                <Picker mode="date" value={form.startsOn} start={today} onChange={(e) => set('startsOn')(String(e.detail.value))}>
                  <View className="pm-picker e2e-permit-start">{form.startsOn}</View>
                </Picker>
                <Text>至</Text>
                <Picker mode="date" value={form.endsOn} start={form.startsOn} onChange={(e) => set('endsOn')(String(e.detail.value))}>
                  <View className="pm-picker e2e-permit-end">{form.endsOn}</View>
                </Picker>
              </View>
              <Text className="pm-line">施工人员只能在小区规定的施工时间内进出（如工作日 08:00–12:00、14:00–18:00）。</Text>
            </Section>
            <Section title={`施工人员（${workers.length}/${PERMIT_MAX_WORKERS}）`}>
              {workers.map((w, i) => (
                <View key={i} className="pm-card e2e-permit-worker-row">
                  <View className="pm-row-inputs">
                    <Input className="ll-input e2e-worker-name" placeholder="姓名" value={w.name} onChange={(v) => setWorker(i, 'name', v)} maxLength={30} />
                    {workers.length > 1 && (
                      <Text className="pm-link e2e-worker-remove" onClick={() => setWorkers(workers.filter((_, j) => j !== i))}>
                        删除
                      </Text>
                    )}
                  </View>
                  <View className="ll-gap" />
                  <Input
                    className="ll-input e2e-worker-id"
                    placeholder="身份证号（18 位）"
                    value={w.idNumber}
                    onChange={(v) => setWorker(i, 'idNumber', v)}
                    maxLength={18}
                  />
                </View>
              ))}
              {workers.length < PERMIT_MAX_WORKERS && (
                <Text className="pm-link e2e-worker-add" onClick={() => setWorkers([...workers, { name: '', idNumber: '' }])}>
                  ＋ 添加施工人员
                </Text>
              )}
              <Text className="pm-line">身份证号仅用于核验，物业只保存打码后的号码（如 110***********1234）。</Text>
            </Section>
            {error && <Text className="pm-error e2e-permit-apply-error">{error}</Text>}
            <Button className="e2e-permit-submit" block type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
              提交申请
            </Button>
            <View className="ll-gap" />
          </>
        )}
      </PageState>
    </View>
  );
}
