import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PaidHistoryView, shanghaiDate } from '@linli/shared';
import { Caller, CurrentCaller } from '../common/caller';
import { Clock } from '../common/clock';
import { ApiDoc, ref } from '../common/openapi/api-doc';
import { HistoryQueryDto } from './dto/history.dto';
import { PaidHistoryService } from './paid-history.service';

/** 已缴记录 of a room, by year. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class PaidHistoryController {
  constructor(
    private readonly history: PaidHistoryService,
    private readonly clock: Clock,
  ) {}

  @Get('history')
  @ApiDoc('房屋的已缴记录（按账期年份，含收据号）：住户看自己的房屋（租户看使用人缴纳的项目），员工看所辖小区', ref('PaidHistoryView'))
  get(@CurrentCaller() c: Caller, @Query() q: HistoryQueryDto): Promise<PaidHistoryView> {
    return this.history.history(c, q.roomId, q.year ?? Number(shanghaiDate(this.clock.now()).slice(0, 4)));
  }
}
