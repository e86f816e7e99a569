import type { UploadView } from '../api/repairs';

/** What the notices API answers (issue #15). Times are ISO instants (UTC). */
export interface NoticeTargetView {
  id: number;
  name: string;
}

export interface NoticeSummaryView {
  id: number;
  communityId: number;
  communityName: string;
  kind: string;
  kindLabel: string;
  title: string;
  /** the first characters of the body (plain text) */
  excerpt: string;
  utility: string | null;
  utilityLabel: string | null;
  startsAt: string | null;
  endsAt: string | null;
  pinned: boolean;
  status: string;
  statusLabel: string;
  publishAt: string | null;
  publishedAt: string | null;
  /** residents: whether the caller has opened it; staff: always true */
  read: boolean;
  version: number;
}

export interface NoticeView extends NoticeSummaryView {
  /** plain text: the apps show it as text, never as HTML */
  body: string;
  targetKind: string;
  targetLabel: string;
  targets: NoticeTargetView[];
  images: UploadView[];
  withdrawnAt: string | null;
  createdByName: string;
  createdAt: string;
  /** staff: whether the caller may publish, schedule, withdraw and pin */
  mayPublish: boolean;
}

export interface NoticeReceiptsView {
  noticeId: number;
  /** residents who opened it */
  reads: number;
  /** distinct targeted rooms with a read by one of their bound residents */
  readRooms: number;
  /** targeted rooms with an approved binding */
  targetedRooms: number;
  /** readRooms / targetedRooms (0–1) */
  share: number;
}

/** The resident's feed: a keyset page (pinned first, newest first) with the unread count. */
export interface NoticeFeedView {
  items: NoticeSummaryView[];
  /** pass as `cursor` for the next page; null on the last */
  nextCursor: string | null;
  /** unread notices of all pages; counted on the first page only (0 on a page after a cursor) */
  unread: number;
}

export interface NoticePageView {
  items: NoticeSummaryView[];
  nextCursor: string | null;
}
