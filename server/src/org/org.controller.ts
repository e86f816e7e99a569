import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import {
  BindingConsentView,
  BindingStaffView,
  BindingView,
  BuildingView,
  CommunityView,
  Page,
  ResidentStaffView,
  RoomStaffView,
  RoomView,
  UnitView,
} from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { ScopeService } from '../common/scope';
import { BindingsService } from './bindings.service';
import { BindingQueryDto, ConsentBindingDto, CreateBindingDto, DecideBindingDto, RejectBindingDto, ResidentQueryDto } from './dto/binding.dto';
import { buildingView, communityView, roomStaffView, roomView, unitView } from './org.views';
import { OrgService } from './org.service';
import { PeopleService } from './people.service';
import { ApiDoc, ref, refList, refPage } from '../common/openapi/api-doc';

/** Pickers for binding a room and for staff lists. Residents see their company's tree; staff their communities. */
@ApiTags('org')
@ApiBearerAuth()
@Controller('api/org')
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly scopes: ScopeService,
  ) {}

  @ApiDoc('公司的小区（住户绑定用）', refList('CommunityView'))
  @Get('communities')
  async communities(@CurrentCaller() c: Caller): Promise<CommunityView[]> {
    return (await this.org.communities(await this.scopes.resolve(c))).map(communityView);
  }

  @ApiDoc('小区的楼栋', refList('BuildingView'))
  @Get('communities/:id/buildings')
  async buildings(@CurrentCaller() c: Caller, @Param('id', IdPipe) communityId: number): Promise<BuildingView[]> {
    return (await this.org.buildings(await this.scopes.resolve(c), communityId)).map(buildingView);
  }

  @ApiDoc('楼栋的单元', refList('UnitView'))
  @Get('buildings/:id/units')
  async units(@CurrentCaller() c: Caller, @Param('id', IdPipe) buildingId: number): Promise<UnitView[]> {
    return (await this.org.units(await this.scopes.resolve(c), buildingId)).map(unitView);
  }

  @ApiDoc('单元的房屋', refList('RoomView'))
  @Get('units/:id/rooms')
  async rooms(@CurrentCaller() c: Caller, @Param('id', IdPipe) unitId: number): Promise<RoomView[]> {
    const scope = await this.scopes.resolve(c);
    return (await this.org.rooms(scope, unitId)).map(scope.isResident ? roomView : roomStaffView);
  }
}

@ApiTags('bindings')
@ApiBearerAuth()
@Controller('api/bindings')
@Roles('resident')
export class BindingsController {
  constructor(private readonly bindings: BindingsService) {}

  @ApiDoc('申请绑定房屋', ref('BindingView'), 201)
  @ApiBody({ type: CreateBindingDto, examples: { 业主: { value: { roomId: 12, relation: 'owner', name: '王五' } } } })
  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  create(@CurrentCaller() c: Caller, @Body() dto: CreateBindingDto): Promise<BindingView> {
    return this.bindings.create(c, dto);
  }

  @ApiDoc('我的房屋绑定', refList('BindingView'))
  @Get('mine')
  mine(@CurrentCaller() c: Caller): Promise<BindingView[]> {
    return this.bindings.mine(c.userId);
  }

  @ApiDoc('撤销 / 解除绑定', ref('BindingView'))
  @Delete(':id')
  revoke(@CurrentCaller() c: Caller, @Param('id', IdPipe) bindingId: number): Promise<BindingView> {
    return this.bindings.revoke(c, bindingId);
  }

  /** Tenants' requests for the rooms the caller owns, waiting for their consent. */
  @Get('consents')
  @ApiDoc('租户绑定待我（业主）确认的申请', refList('BindingConsentView'))
  consents(@CurrentCaller() c: Caller): Promise<BindingConsentView[]> {
    return this.bindings.consents(c);
  }

  @Post(':id/consent')
  @HttpCode(200)
  @ApiDoc('业主同意或拒绝租户绑定（带版本号）', ref('BindingConsentView'))
  consent(@CurrentCaller() c: Caller, @Param('id', IdPipe) bindingId: number, @Body() dto: ConsentBindingDto): Promise<BindingConsentView> {
    return this.bindings.consent(c, bindingId, dto.version, dto.agree);
  }
}

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff')
export class StaffOrgController {
  constructor(
    private readonly bindings: BindingsService,
    private readonly people: PeopleService,
    private readonly org: OrgService,
    private readonly scopes: ScopeService,
  ) {}

  @ApiDoc('绑定审核列表（分页）', refPage('BindingStaffView'))
  @Get('bindings')
  @Roles('supervisor', 'manager', 'admin')
  async listBindings(@CurrentCaller() c: Caller, @Query() q: BindingQueryDto): Promise<Page<BindingStaffView>> {
    return this.bindings.staffList(await this.scopes.resolve(c), q);
  }

  @ApiDoc('通过绑定申请', ref('BindingStaffView'))
  @Post('bindings/:id/approve')
  @HttpCode(200)
  @Roles('supervisor', 'manager', 'admin')
  async approve(@CurrentCaller() c: Caller, @Param('id', IdPipe) bindingId: number, @Body() dto: DecideBindingDto): Promise<BindingStaffView> {
    return this.bindings.approve(await this.scopes.resolve(c), bindingId, dto.version);
  }

  @ApiDoc('驳回绑定申请', ref('BindingStaffView'))
  @Post('bindings/:id/reject')
  @HttpCode(200)
  @Roles('supervisor', 'manager', 'admin')
  async reject(@CurrentCaller() c: Caller, @Param('id', IdPipe) bindingId: number, @Body() dto: RejectBindingDto): Promise<BindingStaffView> {
    return this.bindings.reject(await this.scopes.resolve(c), bindingId, dto.version, dto.reason);
  }

  @ApiDoc('住户查询（手机号脱敏）', refList('ResidentStaffView'))
  @Get('residents')
  @Roles('agent', 'supervisor', 'manager', 'admin', 'cashier')
  async residents(@CurrentCaller() c: Caller, @Query() q: ResidentQueryDto): Promise<ResidentStaffView[]> {
    return this.people.searchResidents(await this.scopes.resolve(c), q.q, q.communityId);
  }

  @ApiDoc('查看住户完整手机号（留审计记录）', ref('RevealPhoneResponse'))
  @Post('residents/:id/phone')
  @HttpCode(200)
  @Roles('agent', 'supervisor', 'manager', 'admin')
  async revealPhone(@CurrentCaller() c: Caller, @Param('id', IdPipe) residentId: number): Promise<{ phone: string | null }> {
    return this.people.revealPhone(await this.scopes.resolve(c), residentId);
  }

  /** The full number of a room's owner on record (an owner who has not joined the app); every reveal is audited. */
  @Post('rooms/:id/owner-phone')
  @HttpCode(200)
  @ApiDoc('查看登记业主的完整手机号（留审计记录）', ref('RevealPhoneResponse'))
  @Roles('agent', 'supervisor', 'manager', 'admin')
  async revealOwnerPhone(@CurrentCaller() c: Caller, @Param('id', IdPipe) roomId: number): Promise<{ phone: string | null }> {
    return this.people.revealOwnerPhone(await this.scopes.resolve(c), roomId);
  }

  /** Hotline intake: find a room by number fragment or owner phone. */
  @ApiDoc('房屋查询', refList('RoomStaffView'))
  @Get('rooms')
  @Roles('agent', 'supervisor', 'manager', 'admin', 'technician', 'cashier', 'guard')
  async searchRooms(@CurrentCaller() c: Caller, @Query() q: ResidentQueryDto): Promise<RoomStaffView[]> {
    return (await this.org.searchRooms(await this.scopes.resolve(c), q.q ?? '', q.communityId)).map(roomStaffView);
  }
}
