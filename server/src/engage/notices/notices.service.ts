import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, NOTICE_SCHEDULE_MAX_DAYS, noticeProblems, NoticeSummaryView, NoticeView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { Scope, ScopeService } from '../../common/scope';
import { utc } from '../../common/sql-time';
import { insertRow } from '../../database/insert-row';
import { UploadSigner } from '../../storage/storage.service';
import { Upload } from '../../storage/upload.entity';
import { CreateNoticeDto, NoticeContentDto, PinNoticeDto, PublishNoticeDto, UpdateNoticeDto, VersionDto } from './dto/notices.dto';
import { Notice, NoticeTarget } from './notice.entities';
import { NoticePublisher } from './notice-publisher';
import { DETAIL_COLS, DETAIL_FROM, detailView, NoticeRow, summaryView } from './notice-rows';
import { checkImages, resolveTargets } from './notice-targets';

/** who publishes, schedules, withdraws and pins (agents write drafts) */
export const PUBLISHERS = ['supervisor', 'manager'] as const;
export const mayPublish = (s: Scope | Caller) => PUBLISHERS.some((r) => ('caller' in s ? s.caller : s).roles.includes(r));
const DAY_MS = 86_400_000;

/** Staff writing notices: drafts, publish now or later, withdraw, pin. */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly signer: UploadSigner,
    private readonly publisher: NoticePublisher,
  ) {}

  private check(dto: NoticeContentDto) {
    const problems = noticeProblems(dto);
    if (problems.length) throw AppError.badRequest(problems[0].message, problems);
  }

  private outageFields(dto: NoticeContentDto) {
    const outage = dto.kind === 'outage';
    return {
      utility: outage ? (dto.utility ?? null) : null,
      startsAt: outage && dto.startsAt ? new Date(dto.startsAt) : null,
      endsAt: outage && dto.endsAt ? new Date(dto.endsAt) : null,
    };
  }

  async create(caller: Caller, dto: CreateNoticeDto): Promise<NoticeView> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    this.check(dto);
    const { communityName, targets } = await resolveTargets(this.ds.manager, caller.companyId, dto.communityId, dto.targetKind, dto.targetIds ?? []);
    const at = this.clock.now();
    return this.ds.transaction(async (em) => {
      const images = await checkImages(em, caller, dto.imageIds ?? []);
      const row: Partial<Notice> = {
        companyId: caller.companyId,
        communityId: dto.communityId,
        kind: dto.kind,
        status: 'draft',
        title: dto.title,
        body: dto.body,
        ...this.outageFields(dto),
        targetKind: dto.targetKind,
        pinned: dto.pinned ?? false,
        imageIds: images.map((u) => u.id),
        sourceType: null,
        sourceId: null,
        createdBy: caller.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      const id = await insertRow(em, Notice, row);
      await this.attach(
        em,
        id,
        targets.map((t) => t.id),
        images,
      );
      const view = detailView(this.rowOf({ ...row, id } as Notice, communityName, ''), {
        read: true,
        targets,
        images: images.map((u) => ({ id: u.id, url: this.signer.url(u.id, at), mime: u.mime, size: u.size })),
        mayPublish: mayPublish(scope),
      });
      await recordIdempotencyKey(em, 'notice', id, view);
      return view;
    });
  }

  private async attach(em: EntityManager, id: number, targetIds: number[], images: Upload[]) {
    if (targetIds.length)
      await em
        .createQueryBuilder()
        .insert()
        .into(NoticeTarget)
        .values(targetIds.map((t) => ({ noticeId: id, targetId: t })))
        .updateEntity(false)
        .execute();
    const free = images.filter((u) => u.subjectId === null).map((u) => u.id);
    if (free.length) await em.update(Upload, { id: In(free) }, { subjectType: 'notice', subjectId: id, purpose: 'notice' });
  }

  /** A draft or scheduled notice's text, kind, targets and images (published ones are frozen: withdraw instead). */
  async update(caller: Caller, id: number, dto: UpdateNoticeDto): Promise<NoticeView> {
    const { row, scope } = await this.load(caller, id);
    if (row.status !== 'draft' && row.status !== 'scheduled') throw AppError.conflict(ErrorCode.IllegalTransition, '已发布或已撤回的通知不能修改');
    if (Number(row.version) !== dto.version) throw AppError.versionConflict(Number(row.version));
    this.check(dto);
    const communityId = Number(row.community_id);
    const { communityName, targets } = await resolveTargets(this.ds.manager, caller.companyId, communityId, dto.targetKind, dto.targetIds ?? []);
    const at = this.clock.now();
    const images = await this.ds.transaction(async (em) => {
      const imgs = await checkImages(em, caller, dto.imageIds ?? [], id);
      const set = {
        kind: dto.kind,
        title: dto.title,
        body: dto.body,
        ...this.outageFields(dto),
        targetKind: dto.targetKind,
        pinned: dto.pinned ?? Boolean(Number(row.pinned)),
        imageIds: imgs.map((u) => u.id),
        updatedAt: at,
        version: () => 'version + 1',
      };
      const res = await em.createQueryBuilder().update(Notice).set(set).where('id = :id AND version = :v', { id, v: dto.version }).execute();
      if (!res.affected) throw AppError.versionConflict();
      await em.delete(NoticeTarget, { noticeId: id });
      await this.attach(
        em,
        id,
        targets.map((t) => t.id),
        imgs,
      );
      return imgs;
    });
    const after = {
      ...row,
      title: dto.title,
      body: dto.body,
      kind: dto.kind,
      target_kind: dto.targetKind,
      version: dto.version + 1,
      community_name: communityName,
    };
    const o = this.outageFields(dto);
    return detailView(
      { ...after, utility: o.utility, starts_at: o.startsAt, ends_at: o.endsAt, pinned: dto.pinned ?? row.pinned },
      {
        read: true,
        targets,
        images: images.map((u) => ({ id: u.id, url: this.signer.url(u.id, at), mime: u.mime, size: u.size })),
        mayPublish: mayPublish(scope),
      },
    );
  }

  /** Publish now, or (publishAt later than a minute from now) schedule: the notices job publishes it when due. */
  async publish(caller: Caller, id: number, dto: PublishNoticeDto): Promise<NoticeSummaryView> {
    const { row } = await this.load(caller, id);
    if (row.status !== 'draft' && row.status !== 'scheduled') throw AppError.conflict(ErrorCode.IllegalTransition, '该通知已发布或已撤回');
    if (Number(row.version) !== dto.version) throw AppError.versionConflict(Number(row.version));
    const at = this.clock.now();
    const endsAt = utc(row.ends_at);
    if (row.kind === 'outage' && endsAt && endsAt <= at) throw AppError.conflict(ErrorCode.Conflict, '停水停电已结束，无需再发布');
    const when = dto.publishAt ? new Date(dto.publishAt) : null;
    if (when && when.getTime() > at.getTime() + NOTICE_SCHEDULE_MAX_DAYS * DAY_MS)
      throw AppError.badRequest(`定时发布最多提前 ${NOTICE_SCHEDULE_MAX_DAYS} 天`, [{ field: 'publishAt', message: '时间太远' }]);
    if (when && when.getTime() > at.getTime() + 60_000) {
      const res = await this.ds
        .createQueryBuilder()
        .update(Notice)
        .set({ status: 'scheduled', publishAt: when, updatedAt: at, version: () => 'version + 1' })
        .where('id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      return summaryView({ ...row, status: 'scheduled', publish_at: when, version: dto.version + 1 }, true);
    }
    const facts = { ...this.facts(row), kind: row.kind, version: dto.version };
    const ok = await this.ds.transaction((em) => this.publisher.publish(em, facts, caller.userId, at));
    if (!ok) throw AppError.versionConflict();
    return summaryView({ ...row, status: 'published', published_at: at, version: dto.version + 1 }, true);
  }

  async withdraw(caller: Caller, id: number, dto: VersionDto): Promise<NoticeSummaryView> {
    const { row } = await this.load(caller, id);
    if (row.status !== 'published' && row.status !== 'scheduled') throw AppError.conflict(ErrorCode.IllegalTransition, '只有已发布或定时发布的通知可以撤回');
    if (Number(row.version) !== dto.version) throw AppError.versionConflict(Number(row.version));
    const at = this.clock.now();
    const res = await this.ds
      .createQueryBuilder()
      .update(Notice)
      .set({ status: 'withdrawn', withdrawnAt: at, withdrawnBy: caller.userId, updatedAt: at, version: () => 'version + 1' })
      .where("id = :id AND version = :v AND status IN ('published', 'scheduled')", { id, v: dto.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    return summaryView({ ...row, status: 'withdrawn', withdrawn_at: at, version: dto.version + 1 }, true);
  }

  async pin(caller: Caller, id: number, dto: PinNoticeDto): Promise<NoticeSummaryView> {
    const { row } = await this.load(caller, id);
    if (row.status === 'withdrawn') throw AppError.conflict(ErrorCode.IllegalTransition, '已撤回的通知不能置顶');
    if (Number(row.version) !== dto.version) throw AppError.versionConflict(Number(row.version));
    const at = this.clock.now();
    const res = await this.ds
      .createQueryBuilder()
      .update(Notice)
      .set({ pinned: dto.pinned, updatedAt: at, version: () => 'version + 1' })
      .where('id = :id AND version = :v', { id, v: dto.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    return summaryView({ ...row, pinned: dto.pinned, version: dto.version + 1 }, true);
  }

  /** The notice if it is in the caller's company and communities (404 otherwise): one statement. */
  async load(caller: Caller, id: number): Promise<{ row: NoticeRow; scope: Scope }> {
    const scope = await this.scopes.resolve(caller);
    const [row]: NoticeRow[] = await this.ds.query(`SELECT ${DETAIL_COLS} ${DETAIL_FROM} WHERE n.id = ? AND n.company_id = ?`, [id, caller.companyId]);
    if (!row || !scope.canSeeCommunity(Number(row.community_id))) throw AppError.notFound('通知');
    return { row, scope };
  }

  facts(row: NoticeRow) {
    return {
      id: Number(row.id),
      companyId: Number(row.company_id),
      communityId: Number(row.community_id),
      title: row.title,
      utility: row.utility,
      startsAt: utc(row.starts_at),
      endsAt: utc(row.ends_at),
    };
  }

  private rowOf(n: Notice, communityName: string, creatorName: string): NoticeRow {
    return {
      id: n.id,
      company_id: n.companyId,
      community_id: n.communityId,
      community_name: communityName,
      kind: n.kind,
      status: n.status,
      title: n.title,
      body: n.body,
      utility: n.utility,
      starts_at: n.startsAt,
      ends_at: n.endsAt,
      target_kind: n.targetKind,
      pinned: n.pinned,
      publish_at: null,
      published_at: null,
      withdrawn_at: null,
      created_at: n.createdAt,
      creator_name: creatorName,
      version: n.version,
    };
  }
}
