import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { DataSource } from 'typeorm';
import { CommunityDutyPhoneView, DUTY_PHONE_MESSAGE, DUTY_PHONE_PATTERN, normalizeDutyPhone, UpdateDutyPhoneRequest } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AuditService } from '../common/audit.service';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { KeepNull } from '../common/null-as-absent';
import { Community } from './entities/community.entity';

class UpdateDutyPhoneDto implements UpdateDutyPhoneRequest {
  @ApiProperty({ type: String, nullable: true, example: '021-12345678', description: '手机、带区号的座机或 400 电话；null 清除' })
  @KeepNull()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeDutyPhone(value) : value))
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: DUTY_PHONE_MESSAGE })
  @MaxLength(32, { message: DUTY_PHONE_MESSAGE })
  @Matches(DUTY_PHONE_PATTERN, { message: DUTY_PHONE_MESSAGE })
  dutyPhone: string | null;
}

class DutyPhoneView implements CommunityDutyPhoneView {
  @ApiProperty() communityId: number;
  @ApiProperty() communityName: string;
  @ApiProperty({ type: String, nullable: true }) dutyPhone: string | null;
}

const view = (c: Community): CommunityDutyPhoneView => ({ communityId: c.id, communityName: c.name, dutyPhone: c.dutyPhone });

/** The communities' 24-hour duty phones (值班电话), edited by the company's admins; residents see them on emergencies. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/communities')
@Roles('admin')
export class DutyPhoneController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get('duty-phones')
  @ApiDoc('各小区的 24 小时值班电话', refList('CommunityDutyPhoneView'))
  async list(@CurrentCaller() c: Caller): Promise<DutyPhoneView[]> {
    return (await this.ds.getRepository(Community).find({ where: { companyId: c.companyId }, order: { id: 'ASC' } })).map(view);
  }

  @Patch(':id/duty-phone')
  @ApiDoc('设置小区的 24 小时值班电话（紧急报修时住户一键拨打）', ref('CommunityDutyPhoneView'))
  async update(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdateDutyPhoneDto): Promise<DutyPhoneView> {
    if (dto.dutyPhone === undefined) throw AppError.badRequest(DUTY_PHONE_MESSAGE);
    return this.ds.transaction(async (em) => {
      const community = await em.findOneBy(Community, { id, companyId: c.companyId });
      if (!community) throw AppError.notFound('小区');
      await em.update(Community, { id }, { dutyPhone: dto.dutyPhone });
      await this.audit.record(em, c, 'community.duty_phone', 'community', id, { from: community.dutyPhone, to: dto.dutyPhone });
      return view(Object.assign(community, { dutyPhone: dto.dutyPhone }));
    });
  }
}
