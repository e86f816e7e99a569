import { View, Text } from '@tarojs/components';
import { openPage } from '../nav';
import './inbox-entry.css';

export const INBOX_PAGE = '/pages-notify/inbox/index';

/** The unread count as a red pill (99+ beyond 99); nothing when 0. */
export function UnreadBadge({ count, className = '' }: { count: number; className?: string }) {
  if (count <= 0) return null;
  return <Text className={`ie-badge e2e-unread-badge ${className}`}>{count > 99 ? '99+' : count}</Text>;
}

/** A 消息通知 row with its unread badge, opening the inbox. */
export function InboxEntry({ unread }: { unread: number }) {
  return (
    <View className="ie-row e2e-inbox-entry" onClick={() => void openPage(INBOX_PAGE)}>
      <Text className="ie-title">消息通知</Text>
      <UnreadBadge count={unread} />
      <Text className="ie-hint">{unread > 0 ? `${unread} 条未读` : '暂无未读'}</Text>
      <Text className="ie-arrow">›</Text>
    </View>
  );
}
