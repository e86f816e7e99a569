import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ResetPasswordResponse, StaffView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { CreateStaffDto, StaffQueryDto, UpdateStaffDto } from './dto/org.dto';
import { StaffAccountsService } from './staff-accounts.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/staff')
@Roles('admin')
export class StaffAccountsController {
  constructor(private readonly accounts: StaffAccountsService) {}

  @Get()
  @ApiDoc('员工列表（可按姓名、用户名、手机号搜索；手机号脱敏）', refList('StaffView'))
  list(@CurrentCaller() c: Caller, @Query() q: StaffQueryDto): Promise<StaffView[]> {
    return this.accounts.list(c, { q: q.q });
  }

  @Post()
  @ApiDoc('新建员工账号（初始密码，首次登录须修改）', ref('StaffView'), 201)
  create(@CurrentCaller() c: Caller, @Body() dto: CreateStaffDto): Promise<StaffView> {
    return this.accounts.create(c, dto);
  }

  @Patch(':id')
  @ApiDoc('修改员工：姓名、手机号、角色、所属小区、启用/停用', ref('StaffView'))
  update(@CurrentCaller() c: Caller, @Param('id', IdPipe) staffId: number, @Body() dto: UpdateStaffDto): Promise<StaffView> {
    return this.accounts.update(c, staffId, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiDoc('重置密码：生成新的初始密码（只返回一次），结束该员工的所有登录，下次登录须修改', ref('ResetPasswordResponse'))
  resetPassword(@CurrentCaller() c: Caller, @Param('id', IdPipe) staffId: number): Promise<ResetPasswordResponse> {
    return this.accounts.resetPassword(c, staffId);
  }
}
