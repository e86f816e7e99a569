import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { CLOCK_LABELS, formatDue, type ClockView, type RepairEventView } from '@linli/shared';
import type { AsyncState } from '../hooks';
import { ErrorState, PageState, Section } from '../components';
import { Countdown, Timeline, formatShanghai } from '../repairs';
import { useStaffTicketDetail } from './useStaffTicketDetail';
import './staff-ticket.css';

/** Pieces of the staff 报修 / 投诉 detail pages. */

/**
 * A staff detail page: the ticket of the route's id (see useStaffTicketDetail), 工单不存在 for a bad id,
 * else loading / error / `children` with the ticket and its state.
 */
export function StaffDetailFrame<D>(props: { className: string; load: (id: number) => Promise<D>; children: (d: D, detail: AsyncState<D>) => ReactNode }) {
  const { className, load, children } = props;
  const { valid, detail } = useStaffTicketDetail(load);
  const d = detail.data;
  return (
    <View className={`ll-page ${className}`}>
      {!valid ? (
        <ErrorState error={new Error('工单不存在')} />
      ) : (
        <PageState loading={detail.loading && !d} error={!d && detail.error} onRetry={detail.reload}>
          {d && children(d, detail)}
        </PageState>
      )}
    </View>
  );
}

/** The head section: number and status, tags, what and where, `children`, the next clock. */
export function DetailHead(props: {
  /** `repair` / `complaint`: the e2e hooks `e2e-${kind}-head`, `e2e-${kind}-no` */
  kind: string;
  no: string;
  status: ReactNode;
  tags: ReactNode;
  title: string;
  nextClock: ClockView | null;
  children?: ReactNode;
}) {
  const { kind, no, status, tags, title, nextClock, children } = props;
  return (
    <Section className={`rp-head e2e-${kind}-head`}>
      <View className="ll-row">
        <Text className={`rp-no e2e-${kind}-no`}>{no}</Text>
        {status}
      </View>
      <View className="rp-tags rp-head-tags">{tags}</View>
      <Text className="rp-head-title">{title}</Text>
      {children}
      {nextClock && (
        <View className="rp-head-clock">
          <Countdown clock={nextClock} />
        </View>
      )}
    </Section>
  );
}

export function InfoRow({ label, children, hookName }: { label: string; children: ReactNode; hookName?: string }) {
  return (
    <View className={`rp-info-row ${hookName ?? ''}`}>
      <Text className="rp-info-label">{label}</Text>
      <View className="rp-info-value">{children}</View>
    </View>
  );
}

/** One service clock: name, due time, and met / cancelled / the live countdown. */
export function ClockRow(props: { c: ClockView; dueText?: (iso: string) => string; nameNote?: string; children?: ReactNode }) {
  const { c, dueText = (iso: string) => formatDue(iso), nameNote, children } = props;
  let state: ReactNode;
  if (c.state === 'met') {
    state = (
      <Text className={`rp-clock-state ${c.breached ? 'is-breached' : 'is-met'}`}>
        {c.breached ? '超时达成' : '按时达成'} {formatShanghai(c.metAt)}
      </Text>
    );
  } else if (c.state === 'cancelled') {
    state = <Text className="rp-clock-state ll-muted">已取消</Text>;
  } else {
    state = <Countdown clock={c} showLabel={false} />;
  }
  return (
    <View className={`rp-clock ${c.breached ? 'is-breached' : ''} e2e-clock-${c.name}`}>
      <View className="rp-clock-main">
        <Text className="rp-clock-name">
          {CLOCK_LABELS[c.name] ?? c.name}
          {nameNote}
        </Text>
        <Text className="ll-muted">时限 {dueText(c.dueAt)}</Text>
        {children}
      </View>
      {state}
    </View>
  );
}

/** A phone number to tap and call; a masked one is only shown. */
export function Phone({ phone, hook }: { phone: string | null; hook: string }) {
  if (!phone) return <Text className="ll-muted">未留电话</Text>;
  if (phone.includes('*')) return <Text className={hook}>{phone}</Text>;
  return (
    <Text className={`rp-link ${hook}`} onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
      {phone} 拨打
    </Text>
  );
}

/** 问题描述 / 内容 under the info rows. */
export function Description({ label, text }: { label: string; text: string }) {
  return (
    <View className="rp-desc-block">
      <Text className="rp-desc-label">{label}</Text>
      <Text className="rp-desc-text e2e-description">{text}</Text>
    </View>
  );
}

/** The last sections: 评价与回访 (when the resident rated or staff made the return visit) and 处理记录. */
export function DetailHistory({
  d,
}: {
  d: {
    rating: number | null;
    ratingComment: string | null;
    returnVisit: { satisfied: boolean; notes: string | null; at: string } | null;
    timeline: RepairEventView[];
  };
}) {
  return (
    <>
      {(d.rating !== null || d.returnVisit) && (
        <Section title="评价与回访">
          {d.rating !== null && (
            <InfoRow label="住户评价" hookName="e2e-rating">
              <Text className="rp-stars">{'★'.repeat(d.rating) + '☆'.repeat(Math.max(0, 5 - d.rating))}</Text>
              {d.ratingComment ? <Text className="rp-block">{d.ratingComment}</Text> : null}
            </InfoRow>
          )}
          {d.returnVisit && (
            <InfoRow label="回访" hookName="e2e-return-visit">
              <Text className={d.returnVisit.satisfied ? 'rp-ok' : 'rp-bad'}>{d.returnVisit.satisfied ? '满意' : '不满意'}</Text>
              <Text className="ll-muted"> {formatShanghai(d.returnVisit.at)}</Text>
              {d.returnVisit.notes ? <Text className="rp-block">{d.returnVisit.notes}</Text> : null}
            </InfoRow>
          )}
        </Section>
      )}

      <Section title="处理记录">
        <Timeline events={d.timeline} />
      </Section>
    </>
  );
}
