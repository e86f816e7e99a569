import { Body, Controller, Get, Param, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ErrorCode, FeeItemView, MeterImportReport, MeterReadingView, MeterSheetView, Role } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../common/idempotency.interceptor';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { uploadedFile } from '../org/places.controller';
import { FeeItemQueryDto } from './dto/fee-item.dto';
import { ApproveMeterReadingDto, EnterMeterReadingDto, MeterImportQueryDto, MeterReadingListQueryDto, MeterSheetQueryDto } from './dto/meter.dto';
import { MeterImportService } from './meter-import.service';
import { MeterReadingsService } from './meter-readings.service';

/** Who reads meters (engineering) and who reviews outliers. */
const READERS: Role[] = ['technician', 'supervisor', 'manager', 'admin'];
const REVIEWERS: Role[] = ['supervisor', 'manager', 'admin'];
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** 抄表: the entry sheet of a building, one reading at a time, file imports, and the review of held readings. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class MetersController {
  constructor(
    private readonly readings: MeterReadingsService,
    private readonly imports: MeterImportService,
  ) {}

  @Get('meter-items')
  @Roles(...READERS)
  @ApiDoc('小区启用中的按表计量项目（抄表用）', refList('FeeItemView'))
  items(@CurrentCaller() c: Caller, @Query() q: FeeItemQueryDto): Promise<FeeItemView[]> {
    return this.readings.items(c, q.communityId);
  }

  @Get('meter-sheet')
  @Roles(...READERS)
  @ApiDoc('抄表录入单：楼栋的房屋（按单元、楼层、房号）及上期读数和本期读数', ref('MeterSheetView'))
  sheet(@CurrentCaller() c: Caller, @Query() q: MeterSheetQueryDto): Promise<MeterSheetView> {
    return this.readings.sheet(c, q.buildingId, q.feeItemId, q.period);
  }

  @Post('meter-readings')
  @Roles(...READERS)
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('录入一户的本期读数（带 version 时修改出账前的读数）；低于上期且未换表的拒收，异常用量待审核', ref('MeterReadingView'), 201)
  enter(@CurrentCaller() c: Caller, @Body() dto: EnterMeterReadingDto): Promise<MeterReadingView> {
    return this.readings.enter(c, dto);
  }

  @Get('meter-readings')
  @Roles(...READERS)
  @ApiDoc('小区的抄表记录（默认待审核的异常读数）', refList('MeterReadingView'))
  list(@CurrentCaller() c: Caller, @Query() q: MeterReadingListQueryDto): Promise<MeterReadingView[]> {
    return this.readings.list(c, q.communityId, q.status);
  }

  @Post('meter-readings/:id/approve')
  @Roles(...REVIEWERS)
  @ApiDoc('审核通过异常读数（主管、经理；不能审核自己录入的）', ref('MeterReadingView'), 201)
  approve(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: ApproveMeterReadingDto): Promise<MeterReadingView> {
    return this.readings.approve(c, id, dto.version);
  }

  @Post('meter-imports')
  @Roles(...READERS)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CSV（UTF-8）或 Excel .xlsx' } } } })
  @ApiDoc('导入读数（CSV / Excel）：逐行检查，正确的行录入（异常用量待审核），错误的行逐行报告', ref('MeterImportReport'), 201)
  async import(@CurrentCaller() c: Caller, @Query() q: MeterImportQueryDto, @Req() req: Parameters<typeof uploadedFile>[0]): Promise<MeterImportReport> {
    const { name, data } = await uploadedFile(req);
    if (data.length > MAX_IMPORT_BYTES) throw new AppError(413, ErrorCode.ImportFailed, '文件不能超过 5 MB');
    return this.imports.import(c, q, name, data);
  }
}
