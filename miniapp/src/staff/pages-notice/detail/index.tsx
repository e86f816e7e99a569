import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { NoticeReceiptsView, NoticeView } from '@linli/shared';
import { api } from '@common/api';
import { usePageData } from '@common/hooks';
import { errorMessage, PageState, Section } from '@common/components';
import { NoticeBody } from '@common/notices/NoticeBody';
import { shanghaiInput } from '../util';

function Receipts({ id }: { id: number }) {
  const r = usePageData(() => api.get<NoticeReceiptsView>(`/api/notices/${id}/receipts`, { silent: true }), [id]);
  const v = r.data;
  return (
    <Section title="阅读回执" className="e2e-receipts">
      <PageState loading={r.loading && !v} error={v ? null : r.error} onRetry={r.reload}>
        {v && (
          <View>
            <Text className="e2e-receipt-reads">已读 {v.reads} 人</Text>
            <View className="nt-receipt-bar">
              <View className="nt-receipt-fill" style={{ width: `${Math.round(v.share * 100)}%` }} />
            </View>
            <Text className="ll-muted e2e-receipt-rooms">
              已读户数 {v.readRooms} / 范围内已绑定 {v.targetedRooms} 户（{Math.round(v.share * 100)}%）
            </Text>
          </View>
        )}
      </PageState>
    </Section>
  );
}

/** Staff: a notice, who read it, and (supervisors, managers) publish / schedule / pin / withdraw. */
export default function StaffNoticeDetail() {
  const id = Number(useRouter().params.id);
  const d = usePageData(() => api.get<NoticeView>(`/api/notices/${id}`, { silent: true }), [id]);
  const [when, setWhen] = useState('');
  const [busy, setBusy] = useState(false);
  const n = d.data;

  async function act(path: string, body: Record<string, unknown>, done: string) {
    if (!n) return;
    setBusy(true);
    try {
      await api.post(`/api/notices/${id}/${path}`, { version: n.version, ...body }, { silent: true });
      void Taro.showToast({ title: done, icon: 'success' });
      await d.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }
  function schedule() {
    const at = shanghaiInput(when);
    if (!at) return void Taro.showToast({ title: '请按 2026-12-05 09:00 填写时间', icon: 'none' });
    void act('publish', { publishAt: at }, '已定时');
  }
  const open = n && (n.status === 'draft' || n.status === 'scheduled');
  return (
    <View className="ll-page page-staff-notice">
      <PageState loading={d.loading && !n} error={n ? null : d.error} onRetry={d.reload}>
        {n && (
          <>
            <Section>
              <NoticeBody n={n} />
              <Text className="ll-muted e2e-notice-status">
                {n.statusLabel} · 范围：{n.targetLabel}
                {n.targets.length ? `（${n.targets.map((t) => t.name).join('、')}）` : ''}
              </Text>
            </Section>
            {n.status === 'published' && <Receipts id={id} />}
            <Section title="操作" className="nt-actions">
              {open && (
                <Button className="e2e-notice-edit" block fill="outline" onClick={() => void Taro.navigateTo({ url: `/pages-notice/edit/index?id=${id}` })}>
                  编辑
                </Button>
              )}
              {open && n.mayPublish && (
                <>
                  <Button className="e2e-notice-publish" block type="primary" loading={busy} onClick={() => void act('publish', {}, '已发布')}>
                    立即发布
                  </Button>
                  <Input className="ll-input e2e-notice-when" value={when} onChange={setWhen} placeholder="定时发布：2026-12-05 09:00" />
                  <Button className="e2e-notice-schedule" block fill="outline" loading={busy} onClick={schedule}>
                    定时发布
                  </Button>
                </>
              )}
              {n.mayPublish && n.status !== 'withdrawn' && (
                <Button
                  className="e2e-notice-pin"
                  block
                  fill="outline"
                  loading={busy}
                  onClick={() => void act('pin', { pinned: !n.pinned }, n.pinned ? '已取消置顶' : '已置顶')}
                >
                  {n.pinned ? '取消置顶' : '置顶'}
                </Button>
              )}
              {n.mayPublish && (n.status === 'published' || n.status === 'scheduled') && (
                <Button className="e2e-notice-withdraw" block type="danger" fill="outline" loading={busy} onClick={() => void act('withdraw', {}, '已撤回')}>
                  撤回
                </Button>
              )}
              {!n.mayPublish && open && <Text className="ll-muted">草稿由主管或经理发布</Text>}
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
