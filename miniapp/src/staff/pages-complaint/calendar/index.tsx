import { useEffect, useState } from 'react';
import { View, Text, Picker } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import type { CalendarDayKind, CalendarOverride } from '@linli/shared';
import { useAsync, useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { showError } from '@common/api';
import { formatShanghai, shanghaiDay } from '@common/repairs';
import { getCalendar, saveCalendar } from '../api';
import type { CalendarYearView } from '@linli/shared';
import { confirm, errorDetails, isAdmin, toast } from '../util';
import '@common/tickets/staff-ticket.css';
import '../components/complaint.css';

const SOURCE_LABELS: Record<CalendarYearView['source'], string> = {
  company: '本公司设定',
  official: '国务院公布的安排（系统预置）',
  default: '仅周末与固定节日（尚未录入安排）',
};
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekday = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
};
const byDate = (a: CalendarOverride, b: CalendarOverride) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function CalendarEditor() {
  const [year, setYear] = useState(Number(shanghaiDay(new Date()).slice(0, 4)));
  const cal = useAsync<CalendarYearView>(() => getCalendar(year), [year]);
  const [draft, setDraft] = useState<CalendarOverride[]>([]);
  const [date, setDate] = useState(`${year}-01-01`);
  const [kind, setKind] = useState<CalendarDayKind>('off');
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (cal.data) setDraft([...cal.data.overrides].sort(byDate));
    setProblems([]);
  }, [cal.data]);
  useEffect(() => setDate(`${year}-01-01`), [year]);

  const original = JSON.stringify([...(cal.data?.overrides ?? [])].sort(byDate));
  const dirty = !!cal.data && JSON.stringify(draft) !== original;

  async function changeYear(next: number) {
    if (dirty && !(await confirm('切换年份', '当前修改尚未保存，确定放弃？', '放弃'))) return;
    setYear(next);
  }

  function add() {
    if (!date.startsWith(`${year}-`)) return toast(`日期应在 ${year} 年内`);
    const existing = draft.find((o) => o.date === date);
    const entry: CalendarOverride = { date, kind, ...(name.trim() ? { name: name.trim() } : {}) };
    setDraft((list) => [...list.filter((o) => o.date !== date), entry].sort(byDate));
    setName('');
    toast(existing ? '已替换该日期' : '已添加，记得保存');
  }

  async function save() {
    setSaving(true);
    setProblems([]);
    try {
      const v = await saveCalendar(year, draft);
      cal.setData(v);
      toast('已保存', 'success');
    } catch (e) {
      setProblems(errorDetails(e));
      showError(e);
    } finally {
      setSaving(false);
    }
  }

  const c = cal.data;
  return (
    <>
      <View className="rp-toolbar">
        <Button className="e2e-year-prev" size="small" fill="outline" onClick={() => void changeYear(year - 1)}>
          ‹ {year - 1}
        </Button>
        <Text className="rp-heading e2e-year">{year} 年</Text>
        <Button className="e2e-year-next" size="small" fill="outline" onClick={() => void changeYear(year + 1)}>
          {year + 1} ›
        </Button>
      </View>
      <PageState loading={cal.loading && !c} error={!c && cal.error} onRetry={cal.reload}>
        {c && (
          <>
            <Section title="概况">
              <Text className="ll-muted e2e-calendar-source">
                {SOURCE_LABELS[c.source]} · 全年工作日 {c.workingDays} 天
              </Text>
              {c.updatedAt && (
                <Text className="ll-muted ll-list-end">
                  {c.updatedByName ?? ''} 更新于 {formatShanghai(c.updatedAt, 'YYYY-MM-DD HH:mm')}
                </Text>
              )}
              <Text className="ll-muted ll-list-end">书面答复时限按此日历计算工作日；保存后进行中的时限随之调整</Text>
            </Section>

            <Section title="添加日期">
              <View className="ll-row ll-field">
                <Picker mode="date" value={date} start={`${year}-01-01`} end={`${year}-12-31`} onChange={(e) => setDate(String(e.detail.value))}>
                  <View className="cp-picker e2e-add-date">
                    {date} {weekday(date)}
                  </View>
                </Picker>
                <View className="ll-chips">
                  <View className={`ll-chip ${kind === 'off' ? 'is-active' : ''} e2e-add-kind-off`} onClick={() => setKind('off')}>
                    休
                  </View>
                  <View className={`ll-chip ${kind === 'workday' ? 'is-active' : ''} e2e-add-kind-workday`} onClick={() => setKind('workday')}>
                    班
                  </View>
                </View>
              </View>
              <Input
                className="ll-input cp-input e2e-add-name"
                placeholder="名称（选填），如 国庆节、调休上班"
                value={name}
                onChange={setName}
                maxLength={50}
              />
              <View className="ll-btn-row">
                <Button className="e2e-add-override" size="small" type="primary" fill="outline" onClick={add}>
                  添加
                </Button>
              </View>
            </Section>

            <Section title={`节假日与调休（${draft.length}）`} className="e2e-overrides">
              {draft.length === 0 ? (
                <Text className="ll-muted">没有特别安排，仅按周末休息</Text>
              ) : (
                draft.map((o) => (
                  <View key={o.date} className={`cp-override e2e-override-${o.date}`}>
                    <View className="cp-override-main">
                      {o.kind === 'off' ? (
                        <Tag className="rp-tag e2e-tag-off" background="#e7f6f1" color="#13a07a">
                          休
                        </Tag>
                      ) : (
                        <Tag className="rp-tag e2e-tag-workday" background="#fdecec" color="#e5484d">
                          班
                        </Tag>
                      )}
                      <Text className="cp-override-date">
                        {o.date} {weekday(o.date)}
                      </Text>
                      <Text className="ll-muted">{o.name ?? ''}</Text>
                    </View>
                    <Button
                      className={`e2e-remove-${o.date}`}
                      size="small"
                      fill="none"
                      type="danger"
                      onClick={() => setDraft((list) => list.filter((x) => x.date !== o.date))}
                    >
                      删除
                    </Button>
                  </View>
                ))
              )}
              {problems.length > 0 && (
                <View className="e2e-calendar-problems">
                  {problems.map((p) => (
                    <Text key={p} className="cp-error-list">
                      {p}
                    </Text>
                  ))}
                </View>
              )}
            </Section>

            <View className="ll-btn-row">
              <Button className="e2e-calendar-reset" fill="outline" disabled={!dirty || saving} onClick={() => setDraft([...c.overrides].sort(byDate))}>
                撤销修改
              </Button>
              <Button className="e2e-calendar-save" type="primary" loading={saving} disabled={!dirty || saving} onClick={() => void save()}>
                保存{dirty ? '（有修改）' : ''}
              </Button>
            </View>
            <View className="ll-gap" />
          </>
        )}
      </PageState>
    </>
  );
}

export default function CalendarPage() {
  const { data: me, loading, error, reload } = useMe();
  return (
    <View className="ll-page page-complaint-calendar">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me &&
          (isAdmin(me.roles) ? (
            <CalendarEditor />
          ) : (
            <Section>
              <Text className="ll-muted e2e-no-access">只有管理员可以编辑工作日历</Text>
            </Section>
          ))}
      </PageState>
    </View>
  );
}
