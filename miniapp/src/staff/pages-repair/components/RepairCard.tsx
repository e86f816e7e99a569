import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { CHANNEL_LABELS, type RepairSummary } from '@linli/shared';
import { Countdown, StatusTag, formatShanghai } from '@common/repairs';
import { openDetail } from '../util';
import { categoryLabel } from './labels';
import { RepairTags } from './tags';
import '@common/tickets/staff-ticket.css';

/** One order in a list: tier / emergency / 催单 tags, status, where and what, who, and the live SLA countdown. */
export function RepairCard({ r }: { r: RepairSummary }) {
  return (
    <View
      className={`rp-card ${r.emergency ? 'is-emergency' : ''} ${r.breached ? 'is-breached' : ''} e2e-repair-card-${r.id}`}
      onClick={() => openDetail(r.id)}
    >
      <View className="ll-row">
        <View className="rp-tags">
          <RepairTags r={r} />
          {r.breached && (
            <Tag className="rp-tag e2e-breached" type="danger">
              已超时
            </Tag>
          )}
        </View>
        <StatusTag status={r.status} />
      </View>
      <Text className="rp-card-title">
        {categoryLabel(r.category)} · {r.location}
      </Text>
      <Text className="ll-card-line rp-desc">{r.description}</Text>
      <View className="ll-row rp-card-foot">
        <Text className="ll-muted">{r.assigneeName ? `维修工：${r.assigneeName}` : '未派单'}</Text>
        <Countdown clock={r.nextClock} />
      </View>
      <Text className="ll-muted rp-card-meta">
        {r.no} · {CHANNEL_LABELS[r.channel] ?? r.channel} · {formatShanghai(r.receivedAt)} · {r.communityName}
      </Text>
    </View>
  );
}
