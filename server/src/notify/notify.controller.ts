import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import {
  CommunityChannelsView,
  ErrorCode,
  isWecomWebhook,
  wecomWebhookHint,
  NOTIFY_TEMPLATE_LABELS,
  NotificationView,
  NotifyTemplate,
  Page,
  RESIDENT_TEMPLATES,
  STAFF_TEMPLATES,
  SubscriptionsView,
  UnreadCount,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { Clock } from '../common/clock';
import { IdPipe } from '../common/id.pipe';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../common/keyset';
import { KeepNull } from '../common/null-as-absent';
import { ScopeService } from '../common/scope';
import { AppConfig } from '../config/app-config';
import { CommunityChannel, EscalationPolicy, Notification, SubscribeBalance } from './notify.entities';
import { ApiDoc, ref, refPage } from '../common/openapi/api-doc';

class InboxQueryDto {
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsIn(['true', 'false']) unread?: string;
}

const ALL_TEMPLATES = [...RESIDENT_TEMPLATES, ...STAFF_TEMPLATES];
class SubscriptionsDto {
  @IsArray() @ArrayMaxSize(20) @IsIn(ALL_TEMPLATES, { each: true }) accepted: NotifyTemplate[];
}

class ChannelsDto {
  /** checked against WECOM_WEBHOOK_BASE in the handler (the base is configuration) */
  @KeepNull()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  wecomWebhookUrl?: string | null;
  @IsOptional() @IsInt() @Min(0) @Max(1000) level2Pct?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) level3Pct?: number;
  /** floors: level 2 / 3 never sooner than this many minutes after the due time (≤ 7 days) */
  @IsOptional() @IsInt() @Min(0) @Max(10_080) level2MinMinutes?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_080) level3MinMinutes?: number;
}

/** The robot's key lets anyone post into the staff group: only admins see it. */
const maskWebhookKey = (url: string) => url.replace(/([?&]key=)[^&]*/i, '$1****');

const view = (n: Notification): NotificationView => ({
  id: n.id,
  title: n.title,
  body: n.body,
  link: n.link,
  template: n.template,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** The in-app inbox of both apps (the channel of last resort) and the caller's WeChat subscription balances. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api')
export class NotifyController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly cfg: AppConfig,
    private readonly scopes: ScopeService,
  ) {}

  @ApiDoc('站内消息列表（分页）', refPage('NotificationView'))
  @Get('notifications')
  async list(@CurrentCaller() c: Caller, @Query() q: InboxQueryDto): Promise<Page<NotificationView>> {
    const limit = pageLimit(q.limit);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const qb = this.ds.getRepository(Notification).createQueryBuilder('n').where('n.recipientId = :u', { u: c.userId });
    if (q.unread === 'true') qb.andWhere('n.readAt IS NULL');
    if (after) qb.andWhere('n.id < :after', { after: after[0] });
    const rows = await qb
      .orderBy('n.id', 'DESC')
      .take(limit + 1)
      .getMany();
    return toPage(rows, limit, view, (n) => [n.id]);
  }

  @ApiDoc('未读消息数', ref('UnreadCount'))
  @Get('notifications/unread-count')
  async unread(@CurrentCaller() c: Caller): Promise<UnreadCount> {
    const unread = await this.ds
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.recipientId = :u AND n.readAt IS NULL', { u: c.userId })
      .getCount();
    return { unread };
  }

  @ApiDoc('全部标为已读', ref('UnreadCount'))
  @Post('notifications/read-all')
  @HttpCode(200)
  async readAll(@CurrentCaller() c: Caller): Promise<UnreadCount> {
    await this.ds
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: this.clock.now() })
      .where('recipient_id = :u AND read_at IS NULL', { u: c.userId })
      .execute();
    return { unread: 0 };
  }

  @ApiDoc('标记一条消息已读', ref('NotificationView'))
  @Post('notifications/:id/read')
  @HttpCode(200)
  async read(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<NotificationView> {
    const repo = this.ds.getRepository(Notification);
    const n = await repo.findOneBy({ id, recipientId: c.userId });
    if (!n) throw AppError.notFound('通知');
    if (!n.readAt) {
      await this.ds.createQueryBuilder().update(Notification).set({ readAt: this.clock.now() }).where('id = :id AND read_at IS NULL', { id }).execute();
      return view((await repo.findOneBy({ id }))!);
    }
    return view(n);
  }

  @ApiDoc('我的订阅消息授权', ref('SubscriptionsView'))
  @Get('me/subscriptions')
  async subscriptions(@CurrentCaller() c: Caller): Promise<SubscriptionsView> {
    const keys = c.kind === 'resident' ? RESIDENT_TEMPLATES : STAFF_TEMPLATES;
    const balances = await this.ds.getRepository(SubscribeBalance).findBy({ userId: c.userId });
    const ids = this.cfg.wxTemplates;
    return {
      templates: keys.map((key) => ({
        key,
        label: NOTIFY_TEMPLATE_LABELS[key],
        templateId: ids[key] ?? null,
        balance: balances.find((b) => b.template === key)?.balance ?? 0,
      })),
    };
  }

  /** The app reports what the user accepted in wx.requestSubscribeMessage: each acceptance allows one message. */
  @ApiDoc('记录订阅消息授权结果', ref('SubscriptionsView'))
  @Post('me/subscriptions')
  @HttpCode(200)
  async subscribe(@CurrentCaller() c: Caller, @Body() dto: SubscriptionsDto): Promise<SubscriptionsView> {
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      for (const template of dto.accepted) {
        await em.createQueryBuilder().insert().into(SubscribeBalance).values({ userId: c.userId, template, balance: 0, updatedAt: now }).orIgnore().execute();
        await em
          .createQueryBuilder()
          .update(SubscribeBalance)
          .set({ balance: () => 'balance + 1', updatedAt: now })
          .where('user_id = :u AND template = :t', { u: c.userId, t: template })
          .execute();
      }
    });
    return this.subscriptions(c);
  }

  @ApiDoc('小区通知渠道（企业微信群机器人等）', ref('CommunityChannelsView'))
  @Get('staff/communities/:id/channels')
  @Roles('admin', 'manager')
  async channels(@CurrentCaller() c: Caller, @Param('id', IdPipe) communityId: number): Promise<CommunityChannelsView> {
    await this.community(c, communityId);
    const ch = await this.ds.getRepository(CommunityChannel).findOneBy({ communityId });
    const p = await this.ds.getRepository(EscalationPolicy).findOneBy({ communityId });
    return {
      communityId,
      wecomWebhookUrl: ch?.wecomWebhookUrl ? (c.roles.includes('admin') ? ch.wecomWebhookUrl : maskWebhookKey(ch.wecomWebhookUrl)) : null,
      level2Pct: p?.level2Pct ?? this.cfg.ESCALATION_LEVEL2_PCT,
      level3Pct: p?.level3Pct ?? this.cfg.ESCALATION_LEVEL3_PCT,
      level2MinMinutes: p?.level2MinMinutes ?? this.cfg.ESCALATION_LEVEL2_MIN_MINUTES,
      level3MinMinutes: p?.level3MinMinutes ?? this.cfg.ESCALATION_LEVEL3_MIN_MINUTES,
    };
  }

  /** Admin: the community's WeCom group robot webhook and its escalation ladder. */
  @ApiDoc('设置小区通知渠道', ref('CommunityChannelsView'))
  @Put('staff/communities/:id/channels')
  @Roles('admin')
  async setChannels(@CurrentCaller() c: Caller, @Param('id', IdPipe) communityId: number, @Body() dto: ChannelsDto): Promise<CommunityChannelsView> {
    const community = await this.community(c, communityId);
    if (dto.wecomWebhookUrl) dto.wecomWebhookUrl = dto.wecomWebhookUrl.trim();
    if (dto.wecomWebhookUrl && !isWecomWebhook(dto.wecomWebhookUrl, this.cfg.WECOM_WEBHOOK_BASE))
      throw new AppError(400, ErrorCode.ValidationFailed, wecomWebhookHint(this.cfg.WECOM_WEBHOOK_BASE), { field: 'wecomWebhookUrl' });
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      if (dto.wecomWebhookUrl !== undefined) {
        await em
          .createQueryBuilder()
          .insert()
          .into(CommunityChannel)
          .values({ companyId: community.companyId, communityId, wecomWebhookUrl: null, updatedAt: now })
          .orIgnore()
          .execute();
        await em.update(CommunityChannel, { communityId }, { wecomWebhookUrl: dto.wecomWebhookUrl, updatedAt: now });
      }
      if ([dto.level2Pct, dto.level3Pct, dto.level2MinMinutes, dto.level3MinMinutes].some((v) => v !== undefined))
        await this.savePolicy(em, community.companyId, communityId, dto, now);
    });
    return this.channels(c, communityId);
  }

  private async savePolicy(em: EntityManager, companyId: number, communityId: number, dto: ChannelsDto, now: Date) {
    const cur = await em.findOneBy(EscalationPolicy, { communityId });
    const p = {
      level2Pct: dto.level2Pct ?? cur?.level2Pct ?? this.cfg.ESCALATION_LEVEL2_PCT,
      level3Pct: dto.level3Pct ?? cur?.level3Pct ?? this.cfg.ESCALATION_LEVEL3_PCT,
      level2MinMinutes: dto.level2MinMinutes ?? cur?.level2MinMinutes ?? null,
      level3MinMinutes: dto.level3MinMinutes ?? cur?.level3MinMinutes ?? null,
    };
    if (p.level3Pct < p.level2Pct) throw AppError.badRequest('三级升级不能早于二级升级');
    const min2 = p.level2MinMinutes ?? this.cfg.ESCALATION_LEVEL2_MIN_MINUTES;
    const min3 = p.level3MinMinutes ?? this.cfg.ESCALATION_LEVEL3_MIN_MINUTES;
    if (min3 < min2) throw AppError.badRequest('三级升级的最短间隔不能小于二级');
    if (cur) await em.update(EscalationPolicy, { communityId }, { ...p, updatedAt: now });
    else await em.insert(EscalationPolicy, { companyId, communityId, ...p, updatedAt: now });
  }

  private async community(c: Caller, communityId: number) {
    const scope = await this.scopes.resolve(c);
    const rows: { company_id: number }[] = await this.ds.query('SELECT company_id FROM communities WHERE id = ?', [communityId]);
    const row = rows[0] ? { companyId: Number(rows[0].company_id), communityId } : null;
    scope.assertCommunity(row, '小区');
    return row!;
  }
}
