import { Body, Controller, Get, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ArrearsRemindResult, ArrearsRoomsView, ArrearsView, periodOf, shanghaiDate, StatementView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { Clock } from '../common/clock';
import { ApiDoc, ref } from '../common/openapi/api-doc';
import { ArrearsRemindService } from './arrears-remind.service';
import { ArrearsService } from './arrears.service';
import { ArrearsQueryDto, ArrearsRemindDto, ArrearsRoomsQueryDto, StatementQueryDto } from './dto/ledger.dto';
import { arrearsWorkbook, statementWorkbook } from './ledger-export';
import { StatementService } from './statement.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = { type: 'string', format: 'binary' };

function download(res: FastifyReply, name: string, body: Buffer): StreamableFile {
  res.header('Content-Type', XLSX);
  res.header('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return new StreamableFile(body);
}

/** 月度对账 and 欠费统计 for the community's manager, admin and cashier. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class LedgerController {
  constructor(
    private readonly statements: StatementService,
    private readonly arrears: ArrearsService,
    private readonly reminders: ArrearsRemindService,
    private readonly clock: Clock,
  ) {}

  private period(p?: string) {
    return p ?? periodOf(shanghaiDate(this.clock.now()), 'month');
  }

  @Get('statement')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('月度对账：按收费项目的期初欠费、本期应收、实收、减免、退款、期末欠费（上海时间自然月）', ref('StatementView'))
  statement(@CurrentCaller() c: Caller, @Query() q: StatementQueryDto): Promise<StatementView> {
    return this.statements.statement(c, q.communityId, q.month);
  }

  @Get('statement/export')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('导出月度对账（Excel）', FILE)
  async statementExport(@CurrentCaller() c: Caller, @Query() q: StatementQueryDto, @Res({ passthrough: true }) res: FastifyReply): Promise<StreamableFile> {
    const v = await this.statements.statement(c, q.communityId, q.month);
    return download(res, `月度对账-${v.communityName}-${v.month}.xlsx`, await statementWorkbook(v));
  }

  @Get('arrears')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('欠费统计：各楼栋欠费户数、欠费本金、截至今日的滞纳金、本期应收与收缴率', ref('ArrearsView'))
  byBuilding(@CurrentCaller() c: Caller, @Query() q: ArrearsQueryDto): Promise<ArrearsView> {
    return this.arrears.byBuilding(c, q.communityId, this.period(q.period));
  }

  @Get('arrears/rooms')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('楼栋的欠费房屋（收银员看到的业主电话已脱敏）', ref('ArrearsRoomsView'))
  rooms(@CurrentCaller() c: Caller, @Query() q: ArrearsRoomsQueryDto): Promise<ArrearsRoomsView> {
    return this.arrears.rooms(c, q.communityId, q.buildingId, this.period(q.period));
  }

  @Get('arrears/export')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('导出欠费统计（Excel：楼栋汇总与欠费房屋）', FILE)
  async arrearsExport(@CurrentCaller() c: Caller, @Query() q: ArrearsQueryDto, @Res({ passthrough: true }) res: FastifyReply): Promise<StreamableFile> {
    const v = await this.arrears.byBuilding(c, q.communityId, this.period(q.period));
    const rooms = await this.arrears.allRooms(c, v);
    return download(res, `欠费统计-${v.communityName}-${v.period}.xlsx`, await arrearsWorkbook(v, rooms));
  }

  @Post('arrears/remind')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('向楼栋所有欠费房屋的缴费住户发送催缴提醒（每栋每 24 小时一次）', ref('ArrearsRemindResult'), 201)
  remind(@CurrentCaller() c: Caller, @Body() dto: ArrearsRemindDto): Promise<ArrearsRemindResult> {
    return this.reminders.remind(c, dto.communityId, dto.buildingId);
  }
}
