import { NotificationInbox } from '@common/notify/NotificationInbox';

export default function InboxPage() {
  return <NotificationInbox />;
}
