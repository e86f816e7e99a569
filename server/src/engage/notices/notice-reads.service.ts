import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NoticeFeedView, NoticePageView, NoticeReceiptsView, NoticeView, readShare, UploadView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { cursorId, cursorOneOf, CursorShape, cursorSqlTime, decodeCursor, ID_CURSOR, toPage } from '../../common/keyset';
import { ScopeService } from '../../common/scope';
import { sqlTime, utc } from '../../common/sql-time';
import { UploadSigner } from '../../storage/storage.service';
import { NoticeRead } from './notice.entities';
import { DETAIL_COLS, DETAIL_FROM, detailView, FROM, imageIdsOf, NoticeRow, ROOM_TARGETED, SUMMARY_COLS, summaryView, visibleTo } from './notice-rows';
import { loadTargets } from './notice-targets';
import { mayPublish, NoticesService } from './notices.service';
import { FeedQueryDto, StaffNoticesQueryDto } from './dto/notices.dto';

const FEED_ORDER = 'ORDER BY n.pinned DESC, n.published_at DESC, n.id DESC';
/** the feed's sort: pinned flag, publish time, id (all descending) */
const FEED_CURSOR: CursorShape = [cursorOneOf(0, 1), cursorSqlTime, cursorId];
const feedKey = (r: NoticeRow) => [Number(r.pinned) ? 1 : 0, sqlTime(utc(r.published_at) as Date), Number(r.id)];

/** Reading notices: the staff list, detail and read receipts; the resident's feed and detail (which marks it read). */
@Injectable()
export class NoticeReadsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly signer: UploadSigner,
    private readonly notices: NoticesService,
  ) {}

  /** Staff: the notices of their communities (one community or all), newest first, paged by id: one statement. */
  async staffList(caller: Caller, q: StaffNoticesQueryDto): Promise<NoticePageView> {
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const scope = await this.scopes.resolve(caller);
    const ids = q.communityId ? scope.communityIds.filter((c) => c === q.communityId) : scope.communityIds;
    if (!ids.length) return { items: [], nextCursor: null };
    const limit = q.limit ?? 20;
    const where = [`n.company_id = ?`, `n.community_id IN (${ids.map(() => '?').join(', ')})`];
    const params: unknown[] = [caller.companyId, ...ids];
    if (q.status) {
      where.push('n.status = ?');
      params.push(q.status);
    }
    if (after) {
      where.push('n.id < ?');
      params.push(after[0]);
    }
    const rows: NoticeRow[] = await this.ds.query(`SELECT ${SUMMARY_COLS} ${FROM} WHERE ${where.join(' AND ')} ORDER BY n.id DESC LIMIT ${limit + 1}`, params);
    return toPage(
      rows,
      limit,
      (r) => summaryView(r, true),
      (r) => [Number(r.id)],
    );
  }

  /** Staff: a notice with its targets and images (≤ 3 statements). */
  async staffDetail(caller: Caller, id: number): Promise<NoticeView> {
    const { row, scope } = await this.notices.load(caller, id);
    const targets = await loadTargets(this.ds.manager, id, row.target_kind);
    return detailView(row, { read: true, targets, images: await this.images(this.ds.manager, row), mayPublish: mayPublish(scope) });
  }

  /** Read receipts: residents who read it; targeted rooms with an approved binding, and how many of them read it. */
  async receipts(caller: Caller, id: number): Promise<NoticeReceiptsView> {
    await this.notices.load(caller, id);
    const [r]: Record<string, unknown>[] = await this.ds.query(
      `SELECT (SELECT COUNT(*) FROM notice_reads WHERE notice_id = n.id) AS read_count,
              COUNT(DISTINCT r.id) AS targeted,
              COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM room_bindings rb JOIN notice_reads nr ON nr.user_id = rb.user_id AND nr.notice_id = n.id
                                         WHERE rb.room_id = r.id AND rb.status = 'approved') THEN r.id END) AS read_rooms
         FROM notices n LEFT JOIN rooms r ON r.company_id = n.company_id AND ${ROOM_TARGETED}
              AND EXISTS (SELECT 1 FROM room_bindings b WHERE b.room_id = r.id AND b.status = 'approved')
        WHERE n.id = ? GROUP BY n.id`,
      [id],
    );
    const targetedRooms = Number(r?.targeted ?? 0);
    const readRooms = Number(r?.read_rooms ?? 0);
    return { noticeId: id, reads: Number(r?.read_count ?? 0), readRooms, targetedRooms, share: readShare(readRooms, targetedRooms) };
  }

  /**
   * A resident's notices: published, targeting one of their rooms; pinned first, then newest; keyset-paged. The unread
   * count is counted for the first page only (0 on a page after a cursor): 2 statements, 1 after a cursor.
   */
  async feed(caller: Caller, q: FeedQueryDto): Promise<NoticeFeedView> {
    const after = decodeCursor(q.cursor, FEED_CURSOR);
    const limit = q.limit ?? 20;
    const scope = await this.scopes.resolve(caller);
    const v = visibleTo(scope.roomIds);
    if (!scope.roomIds.length) return { items: [], nextCursor: null, unread: 0 };
    const rows: NoticeRow[] = await this.ds.query(
      `SELECT ${SUMMARY_COLS}, (SELECT COUNT(*) FROM notice_reads nr WHERE nr.notice_id = n.id AND nr.user_id = ?) AS is_read
         ${FROM} WHERE n.company_id = ? AND ${v.sql} ${after ? 'AND (n.pinned, n.published_at, n.id) < (?, ?, ?)' : ''}
         ${FEED_ORDER} LIMIT ${limit + 1}`,
      [caller.userId, caller.companyId, ...v.params, ...(after ?? [])],
    );
    const page = toPage(rows, limit, (r) => summaryView(r, Number(r.is_read) > 0), feedKey);
    return { ...page, unread: after ? 0 : await this.unread(caller, v) };
  }

  private async unread(caller: Caller, v: { sql: string; params: number[] }): Promise<number> {
    const [u]: Record<string, unknown>[] = await this.ds.query(
      `SELECT COUNT(*) AS n FROM notices n WHERE n.company_id = ? AND ${v.sql}
         AND NOT EXISTS (SELECT 1 FROM notice_reads nr WHERE nr.notice_id = n.id AND nr.user_id = ?)`,
      [caller.companyId, ...v.params, caller.userId],
    );
    return Number(u?.n ?? 0);
  }

  /** A resident opens a notice: 404 unless it targets one of their rooms; the first open records the read. */
  async residentDetail(caller: Caller, id: number): Promise<NoticeView> {
    const scope = await this.scopes.resolve(caller);
    const v = visibleTo(scope.roomIds);
    const [row]: NoticeRow[] = await this.ds.query(
      `SELECT ${DETAIL_COLS}, (SELECT COUNT(*) FROM notice_reads nr WHERE nr.notice_id = n.id AND nr.user_id = ?) AS is_read
         ${DETAIL_FROM} WHERE n.id = ? AND n.company_id = ? AND ${v.sql}`,
      [caller.userId, id, caller.companyId, ...v.params],
    );
    if (!row) throw AppError.notFound('通知');
    if (!Number(row.is_read))
      await this.ds
        .createQueryBuilder()
        .insert()
        .into(NoticeRead)
        .values({ noticeId: id, userId: caller.userId, readAt: this.clock.now() })
        .orIgnore()
        .updateEntity(false)
        .execute();
    // residents see who published it as the service centre, not a staff member's name
    const view = detailView(
      { ...row, creator_name: '物业服务中心' },
      { read: true, targets: [], images: await this.images(this.ds.manager, row), mayPublish: false },
    );
    return view;
  }

  private async images(em: EntityManager, row: NoticeRow): Promise<UploadView[]> {
    const ids = imageIdsOf(row);
    if (!ids.length) return [];
    const rows: { id: number; mime: string; size: number }[] = await em.query(
      `SELECT id, mime, size FROM uploads WHERE subject_type = 'notice' AND subject_id = ? AND id IN (${ids.map(() => '?').join(', ')})`,
      [row.id, ...ids],
    );
    const now = this.clock.now();
    return ids
      .map((i) => rows.find((u) => Number(u.id) === i))
      .filter((u): u is { id: number; mime: string; size: number } => !!u)
      .map((u) => ({ id: Number(u.id), url: this.signer.url(Number(u.id), now), mime: u.mime, size: Number(u.size) }));
  }
}
