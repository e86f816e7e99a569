import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResetPasswordResponse, StaffView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { CreateStaffDto, ResetPasswordResponseDto, StaffQueryDto, UpdateStaffDto } from './dto/org.dto';
import { StaffAccountsService } from './staff-accounts.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/staff')
@Roles('admin')
export class StaffAccountsController {
  constructor(private readonly accounts: StaffAccountsService) {}

  @Get()
  @ApiOperation({ summary: '员工列表（可按姓名、用户名、手机号搜索；手机号脱敏）' })
  list(@CurrentCaller() c: Caller, @Query() q: StaffQueryDto): Promise<StaffView[]> {
    return this.accounts.list(c, { q: q.q });
  }

  @Post()
  @ApiOperation({ summary: '新建员工账号（初始密码，首次登录须修改）' })
  create(@CurrentCaller() c: Caller, @Body() dto: CreateStaffDto): Promise<StaffView> {
    return this.accounts.create(c, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改员工：姓名、手机号、角色、所属小区、启用/停用' })
  update(@CurrentCaller() c: Caller, @Param('id', IdPipe) staffId: number, @Body() dto: UpdateStaffDto): Promise<StaffView> {
    return this.accounts.update(c, staffId, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: '重置密码：生成新的初始密码（只返回一次），结束该员工的所有登录，下次登录须修改' })
  @ApiOkResponse({ type: ResetPasswordResponseDto })
  resetPassword(@CurrentCaller() c: Caller, @Param('id', IdPipe) staffId: number): Promise<ResetPasswordResponse> {
    return this.accounts.resetPassword(c, staffId);
  }
}
