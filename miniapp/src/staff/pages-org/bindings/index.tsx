import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tabs, TabPane, Tag, TextArea } from '@nutui/nutui-react-taro';
import {
  BINDING_STATUS_LABELS,
  OWNER_CONSENT_LABELS,
  RELATION_LABELS,
  type BindingStaffView,
  type BindingStatus,
  type DecideBindingRequest,
  type Page,
} from '@linli/shared';
import { ApiError, api, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { formatTime } from '@common/format';
import { LoadMore, PageState, Section } from '@common/components';
import { PhotoGrid } from '@common/repairs';
import './index.css';

const TABS: { status: BindingStatus; title: string }[] = [
  { status: 'pending', title: '待审核' },
  { status: 'approved', title: '已通过' },
  { status: 'rejected', title: '已驳回' },
];

function BindingCard(props: { b: BindingStaffView; onDecided: (b: BindingStaffView) => void; onStale: () => void }) {
  const { b, onDecided, onStale } = props;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);

  async function decide(action: 'approve' | 'reject') {
    const body: DecideBindingRequest = { version: b.version };
    if (action === 'reject') {
      if (!reason.trim()) {
        void Taro.showToast({ title: '请填写驳回原因', icon: 'none' });
        return;
      }
      body.reason = reason.trim();
    }
    if (action === 'approve') {
      // one tap must not bind a stranger to a home: say who, which room, which proof, then confirm
      const proof = b.leasePhotos.length ? `，已核对租赁合同（${b.leasePhotos.length} 张）` : '';
      const { confirm } = await Taro.showModal({
        title: '确认通过绑定',
        content: `${b.residentName} 将以${RELATION_LABELS[b.relation] ?? b.relation}身份绑定 ${b.communityName} ${b.roomLabel}${proof}。通过后其可查看并办理该房屋的报修、投诉。`,
        confirmText: '确认通过',
        cancelText: '再想想',
      });
      if (!confirm) return;
    }
    setBusy(action);
    try {
      const updated = await api.post<BindingStaffView | null>(`/api/staff/bindings/${b.id}/${action}`, body);
      void Taro.showToast({ title: action === 'approve' ? '已通过' : '已驳回', icon: 'success' });
      onDecided(updated && typeof updated === 'object' ? { ...b, ...updated } : b);
    } catch (e) {
      // someone else decided first, or the record changed: refresh the list
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) onStale();
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className={`bd-card e2e-binding-${b.id}`}>
      <View className="ll-row">
        <Text className="bd-name">
          {b.residentName}
          <Text className="ll-muted"> {b.residentPhoneMasked ?? '未授权手机号'}</Text>
        </Text>
        <Tag type={b.status === 'pending' ? 'warning' : b.status === 'approved' ? 'success' : 'danger'}>{BINDING_STATUS_LABELS[b.status]}</Tag>
      </View>
      <Text className="ll-card-line bd-room">
        {b.communityName} {b.roomLabel}
      </Text>
      <Text className="ll-card-line">
        申请身份：{RELATION_LABELS[b.relation] ?? b.relation}
        {'　'}登记业主：{b.ownerNameOnRecord ?? '无'}
      </Text>
      <Text className="ll-card-line ll-muted">申请时间：{formatTime(b.createdAt)}</Text>
      {b.decidedAt && <Text className="ll-card-line ll-muted">处理时间：{formatTime(b.decidedAt)}</Text>}
      {b.status === 'rejected' && b.rejectReason && <Text className="ll-card-line bd-reason">驳回原因：{b.rejectReason}</Text>}
      {b.status === 'approved' && b.verifiedBy === 'phone_match' && <Text className="ll-card-line ll-muted">手机号匹配自动通过</Text>}
      {b.status === 'approved' && b.verifiedBy === 'owner_consent' && <Text className="ll-card-line ll-muted">业主已在小程序中同意</Text>}
      {b.relation === 'tenant' && b.ownerConsent && (
        <Text className={`ll-card-line e2e-owner-consent-${b.id}`}>业主确认：{OWNER_CONSENT_LABELS[b.ownerConsent]}</Text>
      )}
      {b.relation === 'tenant' && (
        <View className={`bd-lease e2e-lease-${b.id}`}>
          <Text className="ll-card-line">租赁合同：{b.leasePhotos.length ? `${b.leasePhotos.length} 张（点击查看）` : '未上传'}</Text>
          {b.leasePhotos.length > 0 && <PhotoGrid photos={b.leasePhotos.map((p) => ({ id: p.id, url: p.url }))} />}
        </View>
      )}
      {b.status === 'pending' && b.approveBlockedReason && (
        <Text className={`ll-card-line bd-blocked e2e-approve-blocked-${b.id}`}>暂不能通过：{b.approveBlockedReason}</Text>
      )}

      {b.status === 'pending' && !rejecting && (
        <View className="ll-btn-row">
          <Button className={`e2e-reject-${b.id}`} size="small" type="danger" fill="outline" disabled={!!busy} onClick={() => setRejecting(true)}>
            驳回
          </Button>
          <Button
            className={`e2e-approve-${b.id}`}
            size="small"
            type="primary"
            loading={busy === 'approve'}
            disabled={!!busy || !!b.approveBlockedReason}
            onClick={() => void decide('approve')}
          >
            通过
          </Button>
        </View>
      )}
      {b.status === 'pending' && rejecting && (
        <View className="bd-reject">
          <TextArea
            className={`ll-textarea e2e-reject-reason-${b.id}`}
            placeholder="请填写驳回原因（住户可见）"
            value={reason}
            onChange={setReason}
            maxLength={200}
            showCount
          />
          <View className="ll-btn-row">
            <Button className={`e2e-reject-cancel-${b.id}`} size="small" fill="outline" disabled={!!busy} onClick={() => setRejecting(false)}>
              取消
            </Button>
            <Button
              className={`e2e-reject-confirm-${b.id}`}
              size="small"
              type="danger"
              loading={busy === 'reject'}
              disabled={!!busy}
              onClick={() => void decide('reject')}
            >
              确认驳回
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

function BindingList({ status }: { status: BindingStatus }) {
  const [more, setMore] = useState<{ items: BindingStaffView[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync(async () => {
    setMore(null);
    return api.get<Page<BindingStaffView>>(`/api/staff/bindings${qs({ status })}`, { silent: true });
  }, [status]);

  const items = more ? more.items : (first.data?.items ?? []);
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await api.get<Page<BindingStaffView>>(`/api/staff/bindings${qs({ status, cursor })}`);
      setMore({ items: [...items, ...page.items], cursor: page.nextCursor });
    } catch {
      /* toast shown */
    } finally {
      setLoadingMore(false);
    }
  }

  function removeDecided(b: BindingStaffView) {
    setMore({ items: items.filter((x) => x.id !== b.id), cursor });
  }

  return (
    <PageState
      loading={first.loading}
      error={first.error}
      onRetry={first.reload}
      empty={items.length === 0}
      emptyText={status === 'pending' ? '没有待审核的绑定申请' : '暂无记录'}
    >
      <View className="bd-list">
        {items.map((b) => (
          <BindingCard key={b.id} b={b} onDecided={removeDecided} onStale={() => void first.reload()} />
        ))}
        <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
      </View>
    </PageState>
  );
}

export default function BindingReview() {
  const [status, setStatus] = useState<BindingStatus>('pending');
  return (
    <View className="ll-page page-bindings">
      <Section className="bd-tabs">
        <Tabs value={status} onChange={(v) => setStatus(String(v) as BindingStatus)} activeType="line" autoHeight>
          {TABS.map((t) => (
            <TabPane key={t.status} title={t.title} value={t.status} className={`e2e-tab-${t.status}`}>
              {status === t.status ? <BindingList status={t.status} /> : <View />}
            </TabPane>
          ))}
        </Tabs>
      </Section>
    </View>
  );
}
