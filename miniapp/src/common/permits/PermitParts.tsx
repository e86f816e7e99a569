import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PASS_STATUS_LABELS, type PermitListItem, type PermitPassView, type PermitView } from '@linli/shared';
import { openPage } from '../nav';
import { Countdown, formatShanghai } from '../repairs';
import { Section } from '../components';
import { IS_H5 } from '../env';
import './permits.css';

/** The pass page passcore builds (QR, window); the no-login share page of a worker's link token. */
export const PASS_DETAIL_PAGE = '/pages-passes/detail/index';
export const PASS_LINK_PAGE = 'pages-passes/visit/index';

const TONE: Record<string, string> = { submitted: 'is-grey', approved: 'is-green', returned: 'is-red', cancelled: 'is-grey', revoked: 'is-red' };

export function PermitStatusBadge({ p }: { p: Pick<PermitListItem, 'status' | 'statusLabel'> }) {
  return <Text className={`pm-badge ${TONE[p.status] ?? 'is-grey'} e2e-permit-status`}>{p.statusLabel}</Text>;
}

/** One row of a permit list: room, period, workers, status and the live review clock. */
export function PermitCard({ p, onOpen }: { p: PermitListItem; onOpen: () => void }) {
  return (
    <View className={`pm-card e2e-permit-${p.id}`} onClick={onOpen}>
      <View className="ll-row">
        <Text className="pm-title ll-nowrap">
          {p.communityName} {p.roomLabel}
        </Text>
        <PermitStatusBadge p={p} />
      </View>
      <Text className="pm-line">
        {p.startsOn} 至 {p.endsOn} · 施工人员 {p.workerCount} 人 · {p.contractorName}
      </Text>
      <Text className="pm-line">申请于 {formatShanghai(p.createdAt)}</Text>
      {p.status === 'submitted' && p.reviewClock && <Countdown clock={p.reviewClock} />}
    </View>
  );
}

/** The application as filed and the decision on it. */
export function PermitSummary({ p }: { p: PermitView }) {
  return (
    <Section title="装修申请" extra={<PermitStatusBadge p={p} />}>
      <Text className="pm-title ll-nowrap">
        {p.communityName} {p.roomLabel}
      </Text>
      <Text className="pm-line">
        装修期限：{p.startsOn} 至 {p.endsOn}
      </Text>
      <Text className="pm-line">施工时间：{p.workHoursText}</Text>
      <Text className="pm-line">
        装修单位：{p.contractorName} {p.contractorPhone}
      </Text>
      {p.description && <Text className="pm-line">装修内容：{p.description}</Text>}
      {p.applicantName && <Text className="pm-line">申请人：{p.applicantName}</Text>}
      <Text className="pm-line">申请时间：{formatShanghai(p.createdAt)}</Text>
      {p.reviewClock && p.status !== 'cancelled' && <Countdown clock={p.reviewClock} />}
      {p.reviewNote && (
        <Text className="pm-note e2e-permit-note">
          {p.status === 'returned' ? '退回原因' : p.status === 'revoked' ? '作废原因' : '审核意见'}：{p.reviewNote}
        </Text>
      )}
    </Section>
  );
}

/** The workers named on the permit (ID numbers masked) — before approval, there are no passes yet. */
export function PermitWorkers({ p }: { p: PermitView }) {
  if (p.passes.length) return null;
  return (
    <Section title={`施工人员（${p.workers.length} 人）`}>
      {p.workers.map((w, i) => (
        <View key={i} className="pm-worker e2e-permit-worker">
          <Text className="pm-title">{w.name}</Text>
          <Text className="ll-muted e2e-id-masked">{w.idMasked}</Text>
        </View>
      ))}
    </Section>
  );
}

function passBadge(ps: PermitPassView) {
  if (ps.validNow) return <Text className="pm-badge is-green e2e-pass-green">现在可通行</Text>;
  if (ps.status !== 'active') return <Text className="pm-badge is-red">{PASS_STATUS_LABELS[ps.status]}</Text>;
  return <Text className={`pm-badge ${ps.outsideHours ? 'is-grey' : 'is-red'} e2e-pass-red`}>{ps.refusalText ?? '不可通行'}</Text>;
}

async function share(ps: PermitPassView) {
  const path = `${PASS_LINK_PAGE}?token=${ps.linkToken}`;
  const url = IS_H5 ? `${window.location.origin}${window.location.pathname}#/${path}` : path;
  await Taro.setClipboardData({ data: url });
  void Taro.showToast({ title: '出入证链接已复制，可发给施工人员', icon: 'none' });
}

/** Each worker's pass: whether a scan now would pass, its issue clock, the pass page and (owner) the share link. */
export function WorkerPasses({ p }: { p: PermitView }) {
  if (!p.passes.length) return null;
  const worker = (id: number, i: number) => p.workers[i]?.idMasked ?? `#${id}`;
  return (
    <Section title={`装修出入证（${p.passes.length} 张）`}>
      {p.passes.map((ps, i) => (
        <View key={ps.id} className={`pm-worker e2e-worker-pass-${ps.id}`}>
          <View className="pm-worker-main">
            <View className="ll-row">
              <Text className="pm-title">{ps.holderName}</Text>
              {passBadge(ps)}
            </View>
            <Text className="pm-line">{worker(ps.id, i)}</Text>
            {ps.clock && <Countdown clock={ps.clock} />}
            <View className="pm-actions">
              <Text className="pm-link e2e-pass-open" onClick={() => void openPage(`${PASS_DETAIL_PAGE}?id=${ps.id}`)}>
                查看出入证
              </Text>
              {ps.linkToken && ps.status === 'active' && (
                <Text className="pm-link e2e-pass-share" onClick={() => void share(ps)}>
                  分享给施工人员
                </Text>
              )}
            </View>
          </View>
        </View>
      ))}
    </Section>
  );
}
