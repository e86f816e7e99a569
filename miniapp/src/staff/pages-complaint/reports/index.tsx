import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { COMPLAINT_STATUS_LABELS, type ComplaintStatus, type Me } from '@linli/shared';
import { useAsync, useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { showError } from '@common/api';
import { IS_H5 } from '@common/env';
import { formatShanghai, shanghaiDay } from '@common/repairs';
import { class2CsvPath, getClass2Summary, getDisclosure, saveDisclosure } from '../api';
import type { Class2Item, Class2SummaryView, DisclosureDraftView } from '@linli/shared';
import { confirm, errorDetails, fetchText, isManager, openTextInWindow, toast } from '../util';
import { CommunityChips } from '../../components/CommunityChips';
import '@common/tickets/staff-ticket.css';
import '../components/complaint.css';

function Disclosure({ me }: { me: Me }) {
  const [communityId, setCommunityId] = useState<number | undefined>(me.communities[0]?.id);
  const [month, setMonth] = useState(shanghaiDay(new Date()).slice(0, 7));
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string[]>([]);
  const draft = useAsync<DisclosureDraftView | null>(async () => {
    if (!communityId) return null;
    const v = await getDisclosure(communityId, month);
    setTitle(v.title);
    setBody(v.body);
    return v;
  }, [communityId, month]);
  const d = draft.data;
  const dirty = !!d && (title !== d.title || body !== d.body);
  const canEdit = me.roles.includes('manager');

  async function regenerate() {
    if (!communityId) return;
    if (!(await confirm('重新生成', '按当前数据重新生成正文，已编辑的内容将被覆盖。', '重新生成'))) return;
    try {
      const v = await getDisclosure(communityId, month, true);
      draft.setData(v);
      setTitle(v.title);
      setBody(v.body);
      toast('已重新生成', 'success');
    } catch (e) {
      showError(e);
    }
  }

  async function save() {
    if (!communityId || !body.trim()) return toast('正文不能为空');
    setSaving(true);
    setSaveError([]);
    try {
      const v = await saveDisclosure(communityId, month, { title: title.trim() || undefined, body });
      draft.setData(v);
      setTitle(v.title);
      setBody(v.body);
      toast('已保存', 'success');
    } catch (e) {
      setSaveError(errorDetails(e));
      showError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Section title="小区与月份">
        <CommunityChips me={me} value={communityId} onChange={setCommunityId} />
        <Picker mode="date" fields="month" value={month} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
          <View className="cp-picker e2e-month">{month}</View>
        </Picker>
      </Section>
      <PageState loading={draft.loading && !d} error={!d && draft.error} onRetry={draft.reload} empty={!communityId} emptyText="请选择小区">
        {d && (
          <>
            <Section
              title={`${d.communityName} ${d.period} 公示`}
              extra={
                <Text className={`ll-muted e2e-disclosure-status`}>
                  {d.status === 'published' ? '已发布' : d.edited ? `草稿 · ${d.editedByName ?? ''} 已编辑` : '草稿'}
                </Text>
              }
            >
              <Text className="ll-muted">
                本月纳入公示 {d.entries.length} 件（公共事项的投诉与建议，已去除姓名、房号、电话）· 更新于 {formatShanghai(d.updatedAt)}
              </Text>
              <View className="ll-field" />
              <Text className="ll-label">标题</Text>
              <Input className="ll-input cp-input e2e-disclosure-title" value={title} onChange={setTitle} maxLength={200} disabled={!canEdit} />
              <Text className="ll-label">正文</Text>
              <TextArea
                className="ll-textarea cp-textarea cp-body-edit e2e-disclosure-body"
                value={body}
                onChange={setBody}
                maxLength={60000}
                autoSize
                disabled={!canEdit}
              />
              {saveError.map((l) => (
                <Text key={l} className="cp-error-list">
                  {l}
                </Text>
              ))}
            </Section>
            <View className="ll-btn-row">
              <Button className="e2e-disclosure-regenerate" fill="outline" onClick={() => void regenerate()}>
                按数据重新生成
              </Button>
              {canEdit && (
                <Button className="e2e-disclosure-save" type="primary" loading={saving} disabled={saving || !dirty} onClick={() => void save()}>
                  保存
                </Button>
              )}
            </View>
            {!canEdit && <Text className="ll-muted ll-list-end">只有经理可以编辑公示正文</Text>}
          </>
        )}
      </PageState>
    </>
  );
}

const STATUSES = Object.keys(COMPLAINT_STATUS_LABELS) as ComplaintStatus[];

/** A date or an instant as a Shanghai day; `end`: an exclusive end instant shows the day before. */
function day(v: string, end = false): string {
  if (!v.includes('T')) return v;
  const t = new Date(v).getTime();
  return Number.isNaN(t) ? v : formatShanghai(new Date(end ? t - 1 : t), 'YYYY-MM-DD');
}

function quarterOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

function ItemsTable({ items, hookName }: { items: Class2Item[]; hookName: string }) {
  if (!items.length) return <Text className="ll-muted">无</Text>;
  return (
    <View className={`cp-table cp-items ${hookName}`}>
      <View className="cp-table-row is-head">
        <Text className="cp-table-cell">编号</Text>
        <Text className="cp-table-cell">类别</Text>
        <Text className="cp-table-cell">位置</Text>
        <Text className="cp-table-cell">状态</Text>
        <Text className="cp-table-cell">联系开发商</Text>
      </View>
      {items.map((i) => (
        <View key={i.no} className="cp-table-row">
          <Text className="cp-table-cell">{i.no}</Text>
          <Text className="cp-table-cell">{i.categoryLabel}</Text>
          <Text className="cp-table-cell">{i.location}</Text>
          <Text className="cp-table-cell">{i.statusLabel}</Text>
          <Text className="cp-table-cell">{i.developerResponseHours !== null ? `${i.developerResponseHours} 小时` : '未联系'}</Text>
        </View>
      ))}
    </View>
  );
}

function Class2({ me }: { me: Me }) {
  const [communityId, setCommunityId] = useState<number | undefined>(me.communities[0]?.id);
  const [quarter, setQuarter] = useState(quarterOf(shanghaiDay(new Date())));
  const [year, q] = quarter.split('-Q');
  const summary = useAsync<Class2SummaryView | null>(
    () => (communityId ? getClass2Summary(communityId, quarter) : Promise.resolve(null)),
    [communityId, quarter],
  );
  const s = summary.data;
  const [downloading, setDownloading] = useState(false);

  async function csv() {
    if (!communityId) return;
    setDownloading(true);
    try {
      const path = class2CsvPath(communityId, quarter);
      if (IS_H5) await openTextInWindow(path, 'text/csv;charset=utf-8', `class2-summary-${quarter}.csv`);
      else {
        await Taro.setClipboardData({ data: await fetchText(path) });
        toast('CSV 已复制，可粘贴到电脑', 'success');
      }
    } catch (e) {
      showError(e);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <>
      <Section title="小区与季度">
        <CommunityChips me={me} value={communityId} onChange={setCommunityId} />
        <View className="ll-row">
          <Picker mode="date" fields="year" value={`${year}-01-01`} onChange={(e) => setQuarter(`${String(e.detail.value).slice(0, 4)}-Q${q}`)}>
            <View className="cp-picker e2e-year">{year} 年</View>
          </Picker>
          <View className="ll-chips">
            {['1', '2', '3', '4'].map((n) => (
              <View key={n} className={`ll-chip ${q === n ? 'is-active' : ''} e2e-quarter-${n}`} onClick={() => setQuarter(`${year}-Q${n}`)}>
                Q{n}
              </View>
            ))}
          </View>
        </View>
      </Section>
      <PageState loading={summary.loading && !s} error={!s && summary.error} onRetry={summary.reload} empty={!communityId} emptyText="请选择小区">
        {s && (
          <>
            <Section title={`${s.communityName} ${s.quarter} 二类投诉汇总`} className="e2e-class2">
              <Text className="ll-muted">
                交付 {day(s.handoverDate)}，汇总至 {day(s.windowEnds)}；统计期 {day(s.from)} 至 {day(s.to, true)}
              </Text>
              <View className="cp-table e2e-class2-status">
                <View className="cp-table-row is-head">
                  <Text className="cp-table-cell">合计</Text>
                  {STATUSES.map((st) => (
                    <Text key={st} className="cp-table-cell">
                      {COMPLAINT_STATUS_LABELS[st]}
                    </Text>
                  ))}
                </View>
                <View className="cp-table-row">
                  <Text className="cp-table-cell e2e-class2-total">{s.total}</Text>
                  {STATUSES.map((st) => (
                    <Text key={st} className="cp-table-cell">
                      {s.byStatus[st] ?? 0}
                    </Text>
                  ))}
                </View>
              </View>
              <Text className="ll-label">按类别</Text>
              {s.byCategory.length ? (
                <View className="cp-table e2e-class2-category">
                  {s.byCategory.map((c) => (
                    <View key={c.category} className="cp-table-row">
                      <Text className="cp-table-cell">{c.label}</Text>
                      <Text className="cp-table-cell">{c.total} 件</Text>
                    </View>
                  ))}
                </View>
              ) : (
                <Text className="ll-muted">本季度无二类投诉</Text>
              )}
              <Text className="ll-label">开发商响应</Text>
              <Text className="ll-muted e2e-class2-developer">
                已联系 {s.developerResponse.contacted} 件，未联系 {s.developerResponse.notContacted} 件
                {s.developerResponse.averageHours !== null ? `；平均 ${s.developerResponse.averageHours} 小时，最长 ${s.developerResponse.maxHours} 小时` : ''}
              </Text>
            </Section>
            <Section title={`本季度受理（${s.items.length}）`}>
              <ItemsTable items={s.items} hookName="e2e-class2-items" />
            </Section>
            <Section title={`未办结（含以前季度，${s.openItems?.length ?? 0}）`}>
              <ItemsTable items={s.openItems ?? []} hookName="e2e-class2-open" />
            </Section>
            <Button className="e2e-class2-csv" block type="primary" fill="outline" loading={downloading} disabled={downloading} onClick={() => void csv()}>
              {IS_H5 ? '下载 CSV（Excel 可打开）' : '复制 CSV'}
            </Button>
          </>
        )}
      </PageState>
    </>
  );
}

export default function ComplaintReports() {
  const { data: me, loading, error, reload } = useMe();
  const [tab, setTab] = useState<'disclosure' | 'class2'>('disclosure');
  return (
    <View className="ll-page page-complaint-reports">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && !isManager(me.roles) && (
          <Section>
            <Text className="ll-muted e2e-no-access">只有经理和管理员可以查看报表</Text>
          </Section>
        )}
        {me && isManager(me.roles) && (
          <>
            <View className="rp-toolbar">
              <View className="ik-where">
                <Text className={`ik-where-item ${tab === 'disclosure' ? 'is-active' : ''} e2e-tab-disclosure`} onClick={() => setTab('disclosure')}>
                  月度公示草稿
                </Text>
                <Text className={`ik-where-item ${tab === 'class2' ? 'is-active' : ''} e2e-tab-class2`} onClick={() => setTab('class2')}>
                  二类投诉季度汇总
                </Text>
              </View>
            </View>
            {tab === 'disclosure' ? <Disclosure me={me} /> : <Class2 me={me} />}
          </>
        )}
      </PageState>
    </View>
  );
}
