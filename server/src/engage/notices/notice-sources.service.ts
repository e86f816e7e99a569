import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, incomeNoticeText, NOTICE_TITLE_MAX, NoticeSummaryView, publicIncomeTotals } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { ScopeService } from '../../common/scope';
import { insertRow } from '../../database/insert-row';
import { Document } from '../../documents/document.entity';
import { PublicIncome } from '../../fees/entities/public-income.entity';
import { Community } from '../../org/entities/community.entity';
import { FromDisclosureDto, FromIncomeDto } from './dto/notices.dto';
import { Notice } from './notice.entities';
import { summaryView } from './notice-rows';

/**
 * The disclosures that become notices in one step: the month's complaint disclosure draft ([complaints], a
 * `documents` row) and a quarter's published public income ([fees]). The notice and the source's change are one
 * transaction; a source is published once (unique source, and the draft's compare-and-set).
 */
@Injectable()
export class NoticeSourcesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async fromDisclosure(caller: Caller, dto: FromDisclosureDto): Promise<NoticeSummaryView> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    const doc = await this.ds
      .getRepository(Document)
      .findOneBy({ companyId: caller.companyId, communityId: dto.communityId, type: 'disclosure_draft', period: dto.month });
    if (!doc) throw AppError.notFound('投诉处理公示草稿（请先在“投诉公示与汇总”生成）');
    if (doc.status !== 'draft') throw AppError.conflict(ErrorCode.Conflict, '该月公示已发布');
    const at = this.clock.now();
    return this.ds.transaction(async (em) => {
      const res = await em.update(Document, { id: doc.id, status: 'draft' }, { status: 'published', updatedAt: at });
      if (!res.affected) throw AppError.conflict(ErrorCode.Conflict, '该月公示已发布');
      return this.write(em, caller, dto.communityId, 'complaint_disclosure', { title: doc.title, body: doc.body }, { type: 'document', id: doc.id }, at);
    });
  }

  async fromIncome(caller: Caller, dto: FromIncomeDto): Promise<NoticeSummaryView> {
    const scope = await this.scopes.resolve(caller);
    const p = await this.ds.getRepository(PublicIncome).findOneBy({ id: dto.publicIncomeId, companyId: caller.companyId });
    scope.assertCommunity(p, '公共收益公示');
    if (p!.status !== 'published') throw AppError.conflict(ErrorCode.Conflict, '请先在“公共收益公示”中发布该季度，再发布为公告');
    const community = await this.ds.getRepository(Community).findOneByOrFail({ id: p!.communityId });
    const text = incomeNoticeText(community.name, p!.quarter, p!.rows, publicIncomeTotals(p!.rows));
    const at = this.clock.now();
    return this.ds.transaction((em) => this.write(em, caller, p!.communityId, 'income_disclosure', text, { type: 'public_income', id: p!.id }, at));
  }

  private async write(
    em: EntityManager,
    caller: Caller,
    communityId: number,
    kind: string,
    text: { title: string; body: string },
    source: { type: string; id: number },
    at: Date,
  ): Promise<NoticeSummaryView> {
    const exists = await em.findOneBy(Notice, { sourceType: source.type, sourceId: source.id });
    if (exists) throw AppError.conflict(ErrorCode.Conflict, '已发布为公告', { noticeId: exists.id });
    const row: Partial<Notice> = {
      companyId: caller.companyId,
      communityId,
      kind,
      status: 'published',
      title: text.title.slice(0, NOTICE_TITLE_MAX),
      body: text.body,
      utility: null,
      startsAt: null,
      endsAt: null,
      targetKind: 'community',
      pinned: false,
      imageIds: [],
      sourceType: source.type,
      sourceId: source.id,
      publishedAt: at,
      publishedBy: caller.userId,
      createdBy: caller.userId,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const id = await insertRow(em, Notice, row);
    const view = summaryView(
      {
        id,
        company_id: caller.companyId,
        community_id: communityId,
        community_name: '',
        kind,
        status: 'published',
        title: row.title!,
        body: row.body,
        utility: null,
        starts_at: null,
        ends_at: null,
        target_kind: 'community',
        pinned: false,
        publish_at: null,
        published_at: at,
        withdrawn_at: null,
        created_at: at,
        version: 1,
      },
      true,
    );
    await recordIdempotencyKey(em, 'notice', id, view);
    return view;
  }
}
