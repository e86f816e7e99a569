import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  answerProblems,
  RESIDENT_PROMPTS,
  SURVEY_SCALE_OPTIONS,
  type ResidentSurveyView,
  type SurveyAnswerInput,
  type SurveyQuestionView,
} from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { useAsync } from '@common/hooks';
import { errorMessage, PageState, Section } from '@common/components';
import { shanghaiDateTime, SurveyStateBadge } from '../parts';
import '../survey.css';

type Answers = Record<number, SurveyAnswerInput>;

/** The answer page: save a draft any time, submit once; read-only once submitted or closed. */
export default function SurveyAnswerPage() {
  const id = Number(useRouter().params.id);
  const v = useAsync(() => api.get<ResidentSurveyView>(`/api/resident/surveys/${id}`, { silent: true }), [id]);
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const remindMe = useSubscribePrompt(RESIDENT_PROMPTS.surveyDraft);
  useEffect(() => {
    if (v.data) setAnswers(Object.fromEntries(v.data.answers.map((a) => [a.questionId, a])));
  }, [v.data]);
  const s = v.data;
  const readOnly = !s?.canAnswer;
  const list = (): SurveyAnswerInput[] => Object.values(answers);

  async function save(submit: boolean) {
    if (!s) return;
    const problems = answerProblems(s.questions, list(), submit);
    if (problems.length) return setError(problems[0].message);
    // a draft left for later: the reminder 3 days before it closes may reach WeChat
    if (!submit) void remindMe();
    setBusy(true);
    setError('');
    try {
      const body = { roomId: s.roomId ?? undefined, answers: list() };
      const next = submit
        ? await api.post<ResidentSurveyView>(`/api/resident/surveys/${id}/submit`, body, { idempotencyKey: idem.current, silent: true })
        : await api.put<ResidentSurveyView>(`/api/resident/surveys/${id}/draft`, body, { silent: true });
      v.setData(next);
      void Taro.showToast({ title: submit ? '已提交，感谢参与' : '草稿已保存', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-survey-answer">
      <PageState loading={v.loading && !v.data} error={v.data ? null : v.error} onRetry={v.reload}>
        {s && (
          <>
            <Section title={s.title} extra={<SurveyStateBadge s={s} />}>
              {s.intro && <Text className="sv-line">{s.intro}</Text>}
              <Text className="sv-line">
                {s.communityName}
                {s.roomLabel ? ` ${s.roomLabel}` : ''} · {s.per === 'room' ? '每户只需一位家庭成员填写一份' : '每人一份'}
              </Text>
              <Text className="sv-line">截止：{shanghaiDateTime(s.closeAt)}</Text>
              {s.anonymous && <Text className="sv-line e2e-survey-anonymous">本问卷为匿名问卷，物业看不到是谁填写的</Text>}
              {s.state === 'submitted' && <Text className="sv-line e2e-survey-submitted">已于 {shanghaiDateTime(s.submittedAt!)} 提交，以下为提交的答案</Text>}
            </Section>
            <Section>
              {s.questions.map((q, i) => (
                <View key={q.id}>
                  {q.section && q.section !== s.questions[i - 1]?.section && <Text className="sv-section-name">{q.section}</Text>}
                  <Question q={q} a={answers[q.id]} readOnly={readOnly} onChange={(a) => setAnswers({ ...answers, [q.id]: a })} />
                </View>
              ))}
            </Section>
            {error && <Text className="sv-error e2e-survey-error">{error}</Text>}
            {!readOnly && (
              <View className="ll-btn-row">
                <Button className="e2e-survey-draft" disabled={busy} onClick={() => void save(false)}>
                  保存草稿
                </Button>
                <Button className="e2e-survey-submit" type="primary" loading={busy} disabled={busy} onClick={() => void save(true)}>
                  提交
                </Button>
              </View>
            )}
          </>
        )}
      </PageState>
    </View>
  );
}

function Question({ q, a, readOnly, onChange }: { q: SurveyQuestionView; a?: SurveyAnswerInput; readOnly: boolean; onChange: (a: SurveyAnswerInput) => void }) {
  const title = (
    <Text className="sv-q-title">
      {q.seq}. {q.title}
      {q.required && <Text className="sv-required"> *</Text>}
    </Text>
  );
  if (q.kind === 'text')
    return (
      <View className={`sv-q e2e-q-${q.seq}`}>
        {title}
        <Textarea
          className="sv-text"
          value={a?.text ?? ''}
          disabled={readOnly}
          maxlength={500}
          placeholder={readOnly ? '' : '请填写（选填）'}
          onInput={(e) => onChange({ questionId: q.id, text: e.detail.value })}
        />
      </View>
    );
  // a scale shows 满意 first; its values are 5 … 1
  const opts =
    q.kind === 'scale' ? SURVEY_SCALE_OPTIONS.map((label, i) => ({ label, value: i + 1 })).reverse() : q.options.map((label, i) => ({ label, value: i }));
  const on = (value: number) => (q.kind === 'scale' ? a?.score === value : (a?.choices ?? []).includes(value));
  const pick = (value: number) => {
    if (readOnly) return;
    if (q.kind === 'scale') return onChange({ questionId: q.id, score: value });
    if (q.kind === 'single') return onChange({ questionId: q.id, choices: [value] });
    const cur = a?.choices ?? [];
    onChange({ questionId: q.id, choices: cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value].sort() });
  };
  return (
    <View className={`sv-q e2e-q-${q.seq}`}>
      {title}
      <View className="sv-options">
        {opts.map((o) => (
          <Text
            key={o.value}
            className={`sv-option ${on(o.value) ? 'is-on' : ''} ${readOnly ? 'is-readonly' : ''} e2e-opt-${o.value}`}
            onClick={() => pick(o.value)}
          >
            {o.label}
          </Text>
        ))}
      </View>
    </View>
  );
}
