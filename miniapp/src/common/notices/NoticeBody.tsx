import { View, Text } from '@tarojs/components';
import { noticeParagraphs, NoticeSummaryView, NoticeView } from '@linli/shared';
import { PhotoGrid } from '../repairs/PhotoGrid';
import { formatShanghai } from '../repairs/time';
import './notices.css';

/** The outage's when, on one line: 停电 12-05 09:00 至 12-05 17:00 */
export function outageText(n: Pick<NoticeSummaryView, 'utilityLabel' | 'startsAt' | 'endsAt'>): string {
  if (!n.startsAt || !n.endsAt) return '';
  return `${n.utilityLabel ?? ''} ${formatShanghai(n.startsAt, 'MM-DD HH:mm')} 至 ${formatShanghai(n.endsAt, 'MM-DD HH:mm')}`;
}

/** One row of a notice list: kind, title, excerpt, when; an unread dot. Text nodes only. */
export function NoticeRow({ n, onOpen, showStatus = false }: { n: NoticeSummaryView; onOpen: () => void; showStatus?: boolean }) {
  return (
    <View className={`nt-row e2e-notice-${n.id} ${n.read ? '' : 'is-unread'}`} onClick={onOpen}>
      <View className="nt-head">
        {!n.read && <View className="nt-dot e2e-unread" />}
        {n.pinned && <Text className="nt-tag nt-pin">置顶</Text>}
        <Text className={`nt-tag nt-kind-${n.kind}`}>{n.kindLabel}</Text>
        <Text className="nt-title">{n.title}</Text>
      </View>
      {n.kind === 'outage' && <Text className="nt-outage e2e-outage-when">{outageText(n)}</Text>}
      <Text className="nt-excerpt">{n.excerpt}</Text>
      <View className="nt-foot">
        <Text className="ll-muted">{n.communityName}</Text>
        <Text className="ll-muted">
          {showStatus ? `${n.statusLabel} · ` : ''}
          {formatShanghai(n.publishedAt ?? n.publishAt, 'MM-DD HH:mm')}
        </Text>
      </View>
    </View>
  );
}

/** A notice's full text: every line a Text node (the text is never parsed as HTML), then its images. */
export function NoticeBody({ n }: { n: NoticeView }) {
  return (
    <View className="nt-body e2e-notice-body">
      <Text className="nt-detail-title e2e-notice-title">{n.title}</Text>
      <Text className="ll-muted nt-meta">
        {n.kindLabel} · {n.communityName}
        {n.publishedAt ? ` · ${formatShanghai(n.publishedAt, 'YYYY-MM-DD HH:mm')}` : ''}
      </Text>
      {n.kind === 'outage' && <Text className="nt-outage nt-outage-big e2e-outage-when">{outageText(n)}</Text>}
      {noticeParagraphs(n.body).map((line, i) => (
        <Text key={i} className="nt-para">
          {line || ' '}
        </Text>
      ))}
      {n.images.length > 0 && <PhotoGrid photos={n.images.map((u) => ({ id: u.id, url: u.url }))} className="nt-images" />}
    </View>
  );
}
