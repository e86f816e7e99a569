import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { Countdown, formatShanghai } from '@common/repairs';
import type { ComplaintSummary } from '@linli/shared';
import { CHANNEL_TEXT, categoryLabel, openDetail } from '../util';
import { ComplaintStatusTag, KindTags } from './tags';
import '@common/tickets/staff-ticket.css';
import './complaint.css';

/** One complaint in a list: number, kind / class / category, status, owner, the running clock, 已超时, 匿名. */
export function ComplaintCard({ c }: { c: ComplaintSummary }) {
  return (
    <View className={`rp-card ${c.breached ? 'is-breached' : ''} e2e-complaint-card-${c.id}`} onClick={() => openDetail(c.id)}>
      <View className="ll-row">
        <View className="rp-tags">
          <KindTags c={c} />
          {c.breached && (
            <Tag className="rp-tag e2e-breached" type="danger">
              已超时
            </Tag>
          )}
        </View>
        <ComplaintStatusTag status={c.status} label={c.statusLabel} />
      </View>
      <Text className="rp-card-title">
        {categoryLabel(c.category)} · {c.location}
      </Text>
      <Text className="ll-card-line rp-desc">{c.description}</Text>
      <View className="ll-row rp-card-foot">
        <Text className="ll-muted e2e-owner">{c.ownerName ? `由 ${c.ownerName} 负责` : '待分派'}</Text>
        <Countdown clock={c.nextClock} />
      </View>
      <Text className="ll-muted rp-card-meta">
        <Text className="e2e-complaint-no">{c.no}</Text> · {CHANNEL_TEXT[c.channel] ?? c.channel} · {formatShanghai(c.receivedAt)} · {c.communityName}
        {c.backfilled ? ' · 补录' : ''}
      </Text>
    </View>
  );
}
