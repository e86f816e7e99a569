import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { BuildingView, SurveyQuestionInput, SurveyView } from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useAsync } from '@common/hooks';
import { errorMessage, PageState, Section } from '@common/components';
import { UnitPicker } from '../../components/UnitPicker';
import { SurveyStatusBadge } from '../parts';
import '../survey.css';

type Form = {
  title: string;
  intro: string;
  closeOn: string;
  anonymous: boolean;
  per: 'room' | 'person';
  ownersOnly: boolean;
  buildingIds: number[];
  unitIds: number[];
  questions: SurveyQuestionInput[];
};
const KIND_LABEL: Record<string, string> = { single: '单选', multi: '多选', scale: '1–5 分', text: '填空' };

/** Shanghai YYYY-MM-DD → the end of that day as an instant */
const endOfDay = (d: string) => `${d}T23:59:00+08:00`;
const shanghaiDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Build a survey: from the yearly template (?communityId=) or a draft (?id=); save, then publish. */
export default function SurveyEditPage() {
  const params = useRouter().params;
  const id = params.id ? Number(params.id) : null;
  const [form, setForm] = useState<Form | null>(null);
  const [survey, setSurvey] = useState<SurveyView | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [draftQ, setDraftQ] = useState({ kind: 'single', title: '', options: '' });
  const [idem] = useState(newIdempotencyKey());
  const loaded = useAsync(async () => {
    if (id) {
      const s = await api.get<SurveyView>(`/api/staff/engage/surveys/${id}`, { silent: true });
      setSurvey(s);
      return { communityId: s.communityId, form: { ...s, intro: s.intro ?? '', closeOn: shanghaiDay(s.closeAt) } as Form };
    }
    const tpl = await api.get<{ title: string; intro: string; questions: SurveyQuestionInput[] }>('/api/staff/engage/survey-template', { silent: true });
    const closeOn = shanghaiDay(new Date(Date.now() + 14 * 86_400_000).toISOString());
    return {
      communityId: Number(params.communityId),
      form: { ...tpl, closeOn, anonymous: true, per: 'room', ownersOnly: false, buildingIds: [], unitIds: [] } as Form,
    };
  }, [id]);
  const communityId = loaded.data?.communityId ?? 0;
  const buildings = useAsync(
    () => (communityId ? api.get<BuildingView[]>(`/api/org/communities/${communityId}/buildings`, { silent: true }) : Promise.resolve([])),
    [communityId],
  );
  useEffect(() => {
    if (loaded.data) setForm(loaded.data.form);
  }, [loaded.data]);
  const set = (patch: Partial<Form>) => setForm(form ? { ...form, ...patch } : form);

  async function save(): Promise<SurveyView> {
    const f = form!;
    const body = {
      communityId,
      title: f.title,
      intro: f.intro || undefined,
      closeAt: endOfDay(f.closeOn),
      anonymous: f.anonymous,
      per: f.per,
      ownersOnly: f.ownersOnly,
      buildingIds: f.buildingIds,
      unitIds: f.unitIds,
      questions: f.questions,
    };
    const s = survey
      ? await api.put<SurveyView>(`/api/staff/engage/surveys/${survey.id}`, { ...body, version: survey.version }, { silent: true })
      : await api.post<SurveyView>('/api/staff/engage/surveys', body, { idempotencyKey: idem, silent: true });
    setSurvey(s);
    return s;
  }
  async function run(publish: boolean) {
    setBusy(true);
    setError('');
    try {
      const s = await save();
      if (!publish) return void Taro.showToast({ title: '已保存', icon: 'success' });
      const p = await api.post<SurveyView>(`/api/staff/engage/surveys/${s.id}/publish`, { version: s.version }, { silent: true });
      setSurvey(p);
      void Taro.showToast({ title: p.status === 'scheduled' ? '已定时发布' : '已发布并通知住户', icon: 'success' });
      await Taro.redirectTo({ url: `/pages-survey/results/index?id=${p.id}` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  function addQuestion() {
    if (!form || !draftQ.title.trim()) return setError('请填写题目');
    const options = draftQ.options
      .split(/[,，、\n]/)
      .map((o) => o.trim())
      .filter(Boolean);
    set({
      questions: [
        ...form.questions,
        {
          kind: draftQ.kind as SurveyQuestionInput['kind'],
          title: draftQ.title.trim(),
          options: draftQ.kind === 'single' || draftQ.kind === 'multi' ? options : undefined,
          required: true,
        },
      ],
    });
    setDraftQ({ ...draftQ, title: '', options: '' });
  }

  const chip = (on: boolean, label: string, onClick: () => void, cls = '') => (
    <Text className={`ll-chip ${on ? 'is-active' : ''} ${cls}`} onClick={onClick}>
      {label}
    </Text>
  );
  return (
    <View className="ll-page page-survey-edit">
      <PageState loading={loaded.loading && !form} error={form ? null : loaded.error} onRetry={loaded.reload}>
        {form && (
          <>
            <Section title="问卷" extra={survey ? <SurveyStatusBadge status={survey.status} /> : null}>
              <Text className="ll-label">标题</Text>
              <Input className="sv-input e2e-survey-title" value={form.title} maxlength={100} onInput={(e) => set({ title: e.detail.value })} />
              <Text className="ll-label">截止日期（当天 23:59 截止）</Text>
              <Picker mode="date" value={form.closeOn} onChange={(e) => set({ closeOn: e.detail.value })}>
                <Text className="sv-input e2e-survey-close">{form.closeOn}</Text>
              </Picker>
              <View className="ll-chips">
                {chip(form.anonymous, '匿名', () => set({ anonymous: !form.anonymous }), 'e2e-survey-anonymous')}
                {chip(form.ownersOnly, '仅业主', () => set({ ownersOnly: !form.ownersOnly }))}
                {chip(form.per === 'room', '每户一份', () => set({ per: 'room' }))}
                {chip(form.per === 'person', '每人一份', () => set({ per: 'person' }))}
              </View>
              <Text className="ll-label">调查对象（不选楼栋和单元 = 全小区）</Text>
              <View className="ll-chips">
                {(buildings.data ?? []).map((b) =>
                  chip(form.buildingIds.includes(b.id), b.name, () =>
                    set({ buildingIds: form.buildingIds.includes(b.id) ? form.buildingIds.filter((x) => x !== b.id) : [...form.buildingIds, b.id] }),
                  ),
                )}
              </View>
              <Text className="ll-label">或指定单元（与所选楼栋合并）</Text>
              <UnitPicker buildings={buildings.data ?? []} value={form.unitIds} onChange={(unitIds) => set({ unitIds })} />
            </Section>
            <Section title={`题目（${form.questions.length}）`}>
              {form.questions.map((q, i) => (
                <View key={i} className={`sv-q e2e-q-${i + 1}`}>
                  <View className="ll-row">
                    <Text className="sv-q-title">
                      {i + 1}. {q.title}
                    </Text>
                    <Text className="ll-muted" onClick={() => set({ questions: form.questions.filter((_, j) => j !== i) })}>
                      删除
                    </Text>
                  </View>
                  <Text className="sv-line">
                    {KIND_LABEL[q.kind]}
                    {q.dimension ? ` · ${q.dimension}` : ''}
                    {q.required ? ' · 必答' : ''}
                    {q.options?.length ? ` · ${q.options.join(' / ')}` : ''}
                  </Text>
                </View>
              ))}
              <View className="ll-chips">
                {Object.keys(KIND_LABEL).map((k) => chip(draftQ.kind === k, KIND_LABEL[k], () => setDraftQ({ ...draftQ, kind: k })))}
              </View>
              <Input className="sv-input" placeholder="新题目" value={draftQ.title} onInput={(e) => setDraftQ({ ...draftQ, title: e.detail.value })} />
              {(draftQ.kind === 'single' || draftQ.kind === 'multi') && (
                <Input
                  className="sv-input"
                  placeholder="选项，用逗号分隔"
                  value={draftQ.options}
                  onInput={(e) => setDraftQ({ ...draftQ, options: e.detail.value })}
                />
              )}
              <Button size="small" onClick={addQuestion}>
                添加题目
              </Button>
            </Section>
            {error && <Text className="sv-error e2e-survey-error">{error}</Text>}
            <View className="ll-btn-row">
              <Button className="e2e-survey-save" disabled={busy} onClick={() => void run(false)}>
                保存草稿
              </Button>
              <Button className="e2e-survey-publish" type="primary" loading={busy} disabled={busy} onClick={() => void run(true)}>
                发布
              </Button>
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
