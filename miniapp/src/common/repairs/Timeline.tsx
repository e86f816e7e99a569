import { View, Text } from '@tarojs/components';
import { ROLE_LABELS, type RepairEventView, type Role } from '@linli/shared';
import { formatShanghai } from './time';
import './repairs.css';

const EXTRA_ROLE_LABELS: Record<string, string> = { system: '系统', resident: '住户' };

/** "张师傅 · 维修工" / "系统" from an event's actor. */
export function actorText(e: Pick<RepairEventView, 'actorName' | 'actorRole'>): string {
  const role = e.actorRole ? (EXTRA_ROLE_LABELS[e.actorRole] ?? ROLE_LABELS[e.actorRole as Role] ?? e.actorRole) : '';
  if (e.actorName && role) return `${e.actorName} · ${role}`;
  return e.actorName || role || '系统';
}

export interface TimelineProps {
  events: RepairEventView[];
  /** newest on top (default true) */
  newestFirst?: boolean;
  emptyText?: string;
}

/** The order's history: time (Asia/Shanghai, MM-DD HH:mm), who, what. */
export function Timeline({ events, newestFirst = true, emptyText = '暂无记录' }: TimelineProps) {
  const sorted = [...events].sort((a, b) => {
    const d = new Date(a.at).getTime() - new Date(b.at).getTime() || a.id - b.id;
    return newestFirst ? -d : d;
  });
  if (!sorted.length) return <Text className="ll-muted">{emptyText}</Text>;
  return (
    <View className="ll-timeline e2e-timeline">
      {sorted.map((e, i) => (
        <View key={e.id} className={`ll-timeline-item e2e-event-${e.type} ${i === 0 ? 'is-first' : ''}`}>
          <View className="ll-timeline-dot" />
          <View className="ll-timeline-body">
            <View className="ll-timeline-head">
              <Text className="ll-timeline-time">{formatShanghai(e.at)}</Text>
              <Text className="ll-timeline-actor">{actorText(e)}</Text>
            </View>
            <Text className="ll-timeline-text">{e.text}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
