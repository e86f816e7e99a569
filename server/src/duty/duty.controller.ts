import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { DutyNowView, DutyShiftView, DutyStaffView, STAFF_ROLES } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IsInstant, NotBefore, OptionalText } from '../common/validators';
import { DutyService } from './duty.service';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';

class CommunityQueryDto {
  @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @IsOptional() @IsInstant() from?: string;
  @IsOptional() @IsInstant() @NotBefore('from') to?: string;
}
class CreateShiftDto {
  @IsInt() @Min(1) communityId: number;
  @IsInt() @Min(1) userId: number;
  @IsIn(STAFF_ROLES as string[]) role: string;
  /** at most DUTY_SHIFT_MAX_DAYS_AHEAD ahead; endsAt after startsAt, at most DUTY_SHIFT_MAX_HOURS later */
  @IsInstant() startsAt: string;
  @IsInstant() endsAt: string;
}
class SignInDto {
  @IsInt() @Min(1) communityId: number;
  @IsOptional() @IsIn(STAFF_ROLES as string[]) role?: string;
}
class SignOutDto {
  @IsInt() @Min(1) communityId: number;
  @OptionalText(2000) notes?: string;
}

const STAFF = ['agent', 'supervisor', 'technician', 'guard', 'cashier', 'manager', 'admin'] as const;

/** The duty roster: shifts, sign-in / sign-out with hand-over (交接班), who is on duty now. */
@ApiTags('duty')
@ApiBearerAuth()
@Controller('api/staff/duty')
export class DutyController {
  constructor(private readonly duty: DutyService) {}

  @ApiDoc('当前在岗与交接班', ref('DutyNowView'))
  @Get('now')
  @Roles(...STAFF)
  now(@CurrentCaller() c: Caller, @Query() q: CommunityQueryDto): Promise<DutyNowView> {
    return this.duty.now(c, q.communityId);
  }

  @ApiDoc('排班列表', refList('DutyShiftView'))
  @Get('shifts')
  @Roles(...STAFF)
  list(@CurrentCaller() c: Caller, @Query() q: CommunityQueryDto): Promise<DutyShiftView[]> {
    return this.duty.list(c, q.communityId, q.from, q.to);
  }

  /** Who can be put on a shift in the community (for the roster form). */
  @ApiDoc('可排班的员工', refList('DutyStaffView'))
  @Get('staff')
  @Roles('supervisor', 'manager', 'admin')
  staff(@CurrentCaller() c: Caller, @Query() q: CommunityQueryDto): Promise<DutyStaffView[]> {
    return this.duty.staff(c, q.communityId);
  }

  @ApiDoc('新增排班', ref('DutyShiftView'), 201)
  @Post('shifts')
  @Roles('supervisor', 'manager', 'admin')
  create(@CurrentCaller() c: Caller, @Body() dto: CreateShiftDto): Promise<DutyShiftView> {
    return this.duty.create(c, dto);
  }

  @ApiDoc('签到上班', ref('DutyNowView'))
  @Post('sign-in')
  @HttpCode(200)
  @Roles(...STAFF)
  signIn(@CurrentCaller() c: Caller, @Body() dto: SignInDto): Promise<DutyNowView> {
    return this.duty.signIn(c, dto.communityId, dto.role);
  }

  @ApiDoc('签退（附交班说明）', ref('DutyShiftView'))
  @Post('sign-out')
  @HttpCode(200)
  @Roles(...STAFF)
  signOut(@CurrentCaller() c: Caller, @Body() dto: SignOutDto): Promise<DutyShiftView> {
    return this.duty.signOut(c, dto.communityId, dto.notes);
  }
}
