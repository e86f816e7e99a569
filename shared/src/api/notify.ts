import type { Role } from '../roles';
import type { NotifyTemplate } from '../notify/templates';

export interface NotificationView {
  id: number;
  title: string;
  body: string;
  /** in-app path to open, e.g. /repairs/12 */
  link: string | null;
  template: string;
  createdAt: string;
  readAt: string | null;
}

export interface UnreadCount {
  unread: number;
}

export interface SubscriptionsRequest {
  /** template keys the user accepted in wx.requestSubscribeMessage (each acceptance allows one message) */
  accepted: NotifyTemplate[];
}

export interface SubscriptionsView {
  /** the templates of the caller's app with their WeChat template IDs (null: not configured) and balance */
  templates: { key: NotifyTemplate; label: string; templateId: string | null; balance: number }[];
}

export interface CommunityChannelsView {
  communityId: number;
  wecomWebhookUrl: string | null;
  level2Pct: number;
  level3Pct: number;
  /** level 2 / 3 never sooner than this many minutes after the due time */
  level2MinMinutes: number;
  level3MinMinutes: number;
}

export interface DutyShiftView {
  id: number;
  communityId: number;
  userId: number;
  userName: string;
  role: string;
  startsAt: string;
  endsAt: string;
  signedInAt: string | null;
  signedOutAt: string | null;
  handoverNotes: string | null;
}

/** GET /api/staff/duty/staff: who can be put on a shift in a community */
export interface DutyStaffView {
  id: number;
  name: string;
  roles: Role[];
}

export interface HandoverItem {
  id: number;
  no: string;
  kind: string;
  status: string;
  slaDueAt: string | null;
}

export interface DutyNowView {
  communityId: number;
  onDuty: DutyShiftView[];
  /** the previous shift's hand-over: its notes, and the community's open items now */
  handover: { from: DutyShiftView | null; openItems: HandoverItem[] };
}
