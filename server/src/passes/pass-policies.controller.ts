import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PassPolicyView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { ApiDoc, ref } from '../common/openapi/api-doc';
import { CommunityQueryDto, PutPassPolicyDto } from './dto/pass-policy.dto';
import { PassPoliciesService } from './pass-policies.service';

/** A community's pass rules: every staff member of it reads them, managers and admins change them. */
@ApiTags('passes')
@ApiBearerAuth()
@Controller('api/passes/policy')
export class PassPoliciesController {
  constructor(private readonly policies: PassPoliciesService) {}

  @Get()
  @Roles('agent', 'supervisor', 'guard', 'manager', 'admin')
  @ApiDoc('小区的通行规则（装修施工时间、访客通行证上限）', ref('PassPolicyView'))
  get(@CurrentCaller() c: Caller, @Query() q: CommunityQueryDto): Promise<PassPolicyView> {
    return this.policies.get(c, q.communityId);
  }

  @Put()
  @Roles('manager', 'admin')
  @ApiDoc('修改小区的通行规则（带版本号，冲突 409）', ref('PassPolicyView'))
  put(@CurrentCaller() c: Caller, @Query() q: CommunityQueryDto, @Body() dto: PutPassPolicyDto): Promise<PassPolicyView> {
    return this.policies.put(c, q.communityId, dto);
  }
}
