import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDoc, ref } from '../common/openapi/api-doc';
import { WorkbenchCounts } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { ScopeService } from '../common/scope';
import { WorkbenchCountsService } from './workbench-counts.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff/workbench')
export class WorkbenchController {
  constructor(
    private readonly counts: WorkbenchCountsService,
    private readonly scopes: ScopeService,
  ) {}

  @Get('counts')
  @ApiDoc('工作台待办数（待受理、待派单、已超时、待回访、待审批），按角色与所辖小区', ref('WorkbenchCounts'))
  @Roles('agent', 'supervisor', 'technician', 'guard', 'cashier', 'manager', 'admin')
  async get(@CurrentCaller() c: Caller): Promise<WorkbenchCounts> {
    return this.counts.counts(await this.scopes.resolve(c));
  }
}
