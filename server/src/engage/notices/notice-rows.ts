import {
  NOTICE_KIND_LABELS,
  NOTICE_STATUS_LABELS,
  NOTICE_TARGET_LABELS,
  NoticeKind,
  NoticeStatus,
  NoticeSummaryView,
  NoticeTargetKind,
  NoticeTargetView,
  NoticeView,
  OUTAGE_UTILITY_LABELS,
  OutageUtility,
  UploadView,
} from '@linli/shared';
import { utc } from '../../common/sql-time';

/** A notice as the raw joins below return it (both dialects). */
export interface NoticeRow {
  id: number;
  company_id: number;
  community_id: number;
  community_name: string;
  kind: string;
  status: string;
  title: string;
  excerpt?: string;
  body?: string;
  utility: string | null;
  starts_at: unknown;
  ends_at: unknown;
  target_kind: string;
  pinned: unknown;
  image_ids?: string | null;
  publish_at: unknown;
  published_at: unknown;
  withdrawn_at: unknown;
  reminded_at?: unknown;
  created_by?: number;
  creator_name?: string | null;
  created_at: unknown;
  version: number;
  is_read?: unknown;
}

export const EXCERPT_CHARS = 60;
const BASE = `n.id, n.company_id, n.community_id, c.name AS community_name, n.kind, n.status, n.title, n.utility, n.starts_at, n.ends_at,
  n.target_kind, n.pinned, n.publish_at, n.published_at, n.withdrawn_at, n.created_at, n.version`;
/** the list columns (an excerpt, not the body) */
export const SUMMARY_COLS = `${BASE}, SUBSTR(n.body, 1, ${EXCERPT_CHARS}) AS excerpt`;
/** the detail columns */
export const DETAIL_COLS = `${BASE}, n.body, n.image_ids, n.reminded_at, n.created_by, u.name AS creator_name`;
export const FROM = 'FROM notices n JOIN communities c ON c.id = n.community_id';
export const DETAIL_FROM = `${FROM} LEFT JOIN users u ON u.id = n.created_by`;

/** Whether room `r` is one the notice `n` targets (the whole community, or one of its buildings / units). */
export const ROOM_TARGETED = `r.community_id = n.community_id AND (n.target_kind = 'community' OR EXISTS (SELECT 1 FROM notice_targets t
  WHERE t.notice_id = n.id AND t.target_id = CASE WHEN n.target_kind = 'building' THEN r.building_id ELSE r.unit_id END))`;

/** A resident sees a published notice targeting one of their approved rooms (the caller's room ids as parameters). */
export function visibleTo(roomIds: number[]): { sql: string; params: number[] } {
  if (!roomIds.length) return { sql: '1 = 0', params: [] };
  return {
    sql: `n.status = 'published' AND EXISTS (SELECT 1 FROM rooms r WHERE r.id IN (${roomIds.map(() => '?').join(', ')}) AND ${ROOM_TARGETED})`,
    params: roomIds,
  };
}

const iso = (v: unknown) => utc(v)?.toISOString() ?? null;

export function summaryView(r: NoticeRow, read: boolean): NoticeSummaryView {
  const text = r.excerpt ?? r.body ?? '';
  return {
    id: Number(r.id),
    communityId: Number(r.community_id),
    communityName: r.community_name,
    kind: r.kind,
    kindLabel: NOTICE_KIND_LABELS[r.kind as NoticeKind] ?? r.kind,
    title: r.title,
    excerpt: text.replace(/\s+/g, ' ').slice(0, EXCERPT_CHARS),
    utility: r.utility,
    utilityLabel: r.utility ? (OUTAGE_UTILITY_LABELS[r.utility as OutageUtility] ?? null) : null,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    pinned: Boolean(Number(r.pinned)),
    status: r.status,
    statusLabel: NOTICE_STATUS_LABELS[r.status as NoticeStatus] ?? r.status,
    publishAt: iso(r.publish_at),
    publishedAt: iso(r.published_at),
    read,
    version: Number(r.version),
  };
}

export function detailView(r: NoticeRow, x: { read: boolean; targets: NoticeTargetView[]; images: UploadView[]; mayPublish: boolean }): NoticeView {
  return {
    ...summaryView(r, x.read),
    body: r.body ?? '',
    targetKind: r.target_kind,
    targetLabel: NOTICE_TARGET_LABELS[r.target_kind as NoticeTargetKind] ?? r.target_kind,
    targets: x.targets,
    images: x.images,
    withdrawnAt: iso(r.withdrawn_at),
    createdByName: r.creator_name ?? '',
    createdAt: iso(r.created_at) ?? '',
    mayPublish: x.mayPublish,
  };
}

export function imageIdsOf(r: NoticeRow): number[] {
  if (!r.image_ids) return [];
  try {
    const ids = JSON.parse(r.image_ids) as unknown;
    return Array.isArray(ids) ? ids.map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}
