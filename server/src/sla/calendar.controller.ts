import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { CalendarDayKind, CalendarOverride, CalendarYearRequest, CalendarYearView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { CalendarService } from './calendar.service';
import { OptionalText } from '../common/validators';
import { ApiDoc, ref } from '../common/openapi/api-doc';

export class CalendarOverrideDto implements CalendarOverride {
  @ApiProperty({ example: '2026-10-01' }) @IsString() @MaxLength(10) date: string;
  @ApiProperty({ enum: ['off', 'workday'] }) @IsIn(['off', 'workday']) kind: CalendarDayKind;
  @ApiPropertyOptional({ example: '国庆节' }) @OptionalText(50) name?: string;
}

export class CalendarYearDto implements CalendarYearRequest {
  @ApiProperty({ type: [CalendarOverrideDto] })
  @IsArray()
  @ArrayMaxSize(366)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CalendarOverrideDto)
  overrides: CalendarOverrideDto[];
}

const STAFF = ['agent', 'supervisor', 'technician', 'guard', 'cashier', 'manager', 'admin'] as const;

/** The working calendar (holidays, 调休) that complaint clocks count working days on. Staff read it; admins edit it per year. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @ApiDoc('工作日历（节假日、调休）', ref('CalendarYearView'))
  @Get('calendar/:year')
  @Roles(...STAFF)
  read(@CurrentCaller() c: Caller, @Param('year', IdPipe) year: number): Promise<CalendarYearView> {
    return this.calendars.year(c, year);
  }

  @ApiDoc('工作日历（管理员）', ref('CalendarYearView'))
  @Get('admin/calendar/:year')
  @Roles('admin')
  adminRead(@CurrentCaller() c: Caller, @Param('year', IdPipe) year: number): Promise<CalendarYearView> {
    return this.calendars.year(c, year);
  }

  /** Replaces the year's overrides (days off and make-up working days); running written-reply clocks follow the new calendar. */
  @ApiDoc('替换一年的节假日与调休', ref('CalendarYearView'))
  @Put('admin/calendar/:year')
  @Roles('admin')
  replace(@CurrentCaller() c: Caller, @Param('year', IdPipe) year: number, @Body() dto: CalendarYearDto): Promise<CalendarYearView> {
    return this.calendars.replaceYear(c, year, dto.overrides);
  }
}
