import { Body, Controller, Get, HttpCode, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page, PassScanView, ScanResultView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { ApiDoc, ref, refPage } from '../common/openapi/api-doc';
import { RetryAfterInterceptor } from '../common/retry-after';
import { ManualScanDto, ScansQueryDto, VerifyPassDto } from './dto/passes.dto';
import { PassScansService } from './pass-scans.service';
import { PassVerifyService } from './pass-verify.service';

/** The guard's side: verify a code, the scan log, entries written down offline. */
@ApiTags('passes')
@ApiBearerAuth()
@Controller('api/passes')
export class PassVerifyController {
  constructor(
    private readonly verifier: PassVerifyService,
    private readonly scans: PassScansService,
  ) {}

  @Post('verify')
  @HttpCode(200)
  @Roles('guard', 'supervisor', 'manager')
  @UseInterceptors(RetryAfterInterceptor)
  @ApiDoc('保安核验通行证二维码（绿 / 红及原因；每次核验都记录；每人每分钟限 60 次）', ref('ScanResultView'))
  verify(@CurrentCaller() c: Caller, @Body() dto: VerifyPassDto): Promise<ScanResultView> {
    return this.verifier.verify(c, dto);
  }

  @Get('scans')
  @Roles('guard', 'supervisor', 'manager', 'admin')
  @ApiDoc('核验记录（按门岗、保安筛选；含离线手工登记）', refPage('PassScanView'))
  list(@CurrentCaller() c: Caller, @Query() q: ScansQueryDto): Promise<Page<PassScanView>> {
    return this.scans.list(c, q);
  }

  @Post('scans/manual')
  @Roles('guard', 'supervisor', 'manager')
  @ApiDoc('同步离线手工登记（clientRef 去重；标记为手工，供主管复核）', ref('PassScanView'), 201)
  async manual(
    @CurrentCaller() c: Caller,
    @Body() dto: ManualScanDto,
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
  ): Promise<PassScanView> {
    const r = await this.scans.manual(c, dto);
    if (!r.created) reply.status(200);
    return r.view;
  }
}
