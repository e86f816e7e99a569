import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  BindingStaffView,
  BindingView,
  BuildingView,
  CommunityView,
  Page,
  ResidentStaffView,
  RoomImportResult,
  RoomStaffView,
  RoomView,
  UnitView,
} from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { ScopeService } from '../common/scope';
import { BindingsService } from './bindings.service';
import { BindingQueryDto, CreateBindingDto, DecideBindingDto, RejectBindingDto, ResidentQueryDto } from './dto/binding.dto';
import { CreateBuildingDto, CreateCommunityDto, CreateRoomDto, CreateUnitDto } from './dto/org.dto';
import { buildingView, communityView, roomStaffView, roomView, unitView } from './org.views';
import { OrgService } from './org.service';
import { PeopleService } from './people.service';

/** Pickers for binding a room and for staff lists. Residents see their company's tree; staff their communities. */
@ApiTags('org')
@ApiBearerAuth()
@Controller('api/org')
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly scopes: ScopeService,
  ) {}

  @Get('communities')
  async communities(@CurrentCaller() c: Caller): Promise<CommunityView[]> {
    return (await this.org.communities(await this.scopes.resolve(c))).map(communityView);
  }

  @Get('communities/:id/buildings')
  async buildings(@CurrentCaller() c: Caller, @Param('id', IdPipe) communityId: number): Promise<BuildingView[]> {
    return (await this.org.buildings(await this.scopes.resolve(c), communityId)).map(buildingView);
  }

  @Get('buildings/:id/units')
  async units(@CurrentCaller() c: Caller, @Param('id', IdPipe) buildingId: number): Promise<UnitView[]> {
    return (await this.org.units(await this.scopes.resolve(c), buildingId)).map(unitView);
  }

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

  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  create(@CurrentCaller() c: Caller, @Body() dto: CreateBindingDto): Promise<BindingView> {
    return this.bindings.create(c, dto);
  }

  @Get('mine')
  mine(@CurrentCaller() c: Caller): Promise<BindingView[]> {
    return this.bindings.mine(c.userId);
  }

  @Delete(':id')
  revoke(@CurrentCaller() c: Caller, @Param('id', IdPipe) bindingId: number): Promise<BindingView> {
    return this.bindings.revoke(c, bindingId);
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

  @Get('bindings')
  @Roles('supervisor', 'manager', 'admin')
  async listBindings(@CurrentCaller() c: Caller, @Query() q: BindingQueryDto): Promise<Page<BindingStaffView>> {
    return this.bindings.staffList(await this.scopes.resolve(c), q);
  }

  @Post('bindings/:id/approve')
  @HttpCode(200)
  @Roles('supervisor', 'manager', 'admin')
  async approve(@CurrentCaller() c: Caller, @Param('id', IdPipe) bindingId: number, @Body() dto: DecideBindingDto): Promise<BindingStaffView> {
    return this.bindings.approve(await this.scopes.resolve(c), bindingId, dto.version);
  }

  @Post('bindings/:id/reject')
  @HttpCode(200)
  @Roles('supervisor', 'manager', 'admin')
  async reject(@CurrentCaller() c: Caller, @Param('id', IdPipe) bindingId: number, @Body() dto: RejectBindingDto): Promise<BindingStaffView> {
    return this.bindings.reject(await this.scopes.resolve(c), bindingId, dto.version, dto.reason);
  }

  @Get('residents')
  @Roles('agent', 'supervisor', 'manager', 'admin', 'cashier')
  async residents(@CurrentCaller() c: Caller, @Query() q: ResidentQueryDto): Promise<ResidentStaffView[]> {
    return this.people.searchResidents(await this.scopes.resolve(c), q.q, q.communityId);
  }

  @Post('residents/:id/phone')
  @HttpCode(200)
  @Roles('agent', 'supervisor', 'manager', 'admin')
  async revealPhone(@CurrentCaller() c: Caller, @Param('id', IdPipe) residentId: number): Promise<{ phone: string | null }> {
    return this.people.revealPhone(await this.scopes.resolve(c), residentId);
  }

  /** Hotline intake: find a room by number fragment or owner phone. */
  @Get('rooms')
  @Roles('agent', 'supervisor', 'manager', 'admin', 'technician', 'cashier', 'guard')
  async searchRooms(@CurrentCaller() c: Caller, @Query() q: ResidentQueryDto): Promise<RoomStaffView[]> {
    return (await this.org.searchRooms(await this.scopes.resolve(c), q.q ?? '', q.communityId)).map(roomStaffView);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
@Roles('admin')
export class AdminOrgController {
  constructor(
    private readonly org: OrgService,
    private readonly people: PeopleService,
    private readonly scopes: ScopeService,
  ) {}

  @Get('communities')
  async communities(@CurrentCaller() c: Caller): Promise<CommunityView[]> {
    return (await this.org.communities(await this.scopes.resolve(c))).map(communityView);
  }

  @Post('communities')
  async createCommunity(@CurrentCaller() c: Caller, @Body() dto: CreateCommunityDto): Promise<CommunityView> {
    return communityView(await this.org.createCommunity(c, dto));
  }

  @Post('buildings')
  async createBuilding(@CurrentCaller() c: Caller, @Body() dto: CreateBuildingDto): Promise<BuildingView> {
    return buildingView(await this.org.createBuilding(await this.scopes.resolve(c), dto));
  }

  @Post('units')
  async createUnit(@CurrentCaller() c: Caller, @Body() dto: CreateUnitDto): Promise<UnitView> {
    return unitView(await this.org.createUnit(await this.scopes.resolve(c), dto));
  }

  @Post('rooms')
  async createRoom(@CurrentCaller() c: Caller, @Body() dto: CreateRoomDto): Promise<RoomStaffView> {
    return roomStaffView(await this.org.createRoom(await this.scopes.resolve(c), dto));
  }

  @Post('communities/:id/rooms/import')
  @ApiConsumes('text/csv')
  async importRooms(@CurrentCaller() c: Caller, @Param('id', IdPipe) communityId: number, @Body() csv: string): Promise<RoomImportResult> {
    return this.org.importRooms(await this.scopes.resolve(c), communityId, typeof csv === 'string' ? csv : '');
  }
}
