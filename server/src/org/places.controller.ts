import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { ErrorCode, ImportJobView, PlaceBuildingView, PlaceCommunityView, PlaceRoomView, PlaceUnitView, RoomImportResult } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { ScopeService } from '../common/scope';
import { CreateBuildingDto, CreateCommunityDto, CreateRoomDto, CreateUnitDto } from './dto/org.dto';
import { UpdateCommunityDto, UpdatePlaceDto, UpdateRoomDto } from './dto/places.dto';
import { RoomImportService } from './import/room-import.service';
import { placeBuildingView, placeCommunityView, placeRoomView, placeUnitView } from './org.views';
import { OrgService } from './org.service';
import { PlacesService } from './places.service';

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

interface MultipartReq {
  isMultipart?: () => boolean;
  file: () => Promise<{ filename: string; file: { truncated: boolean }; toBuffer(): Promise<Buffer> } | undefined>;
}

/** The file of a multipart upload (field `file`), with the upload's failures as zh-CN 4xx. */
export async function uploadedFile(req: MultipartReq): Promise<{ name: string; data: Buffer }> {
  if (!req.isMultipart?.()) throw new AppError(415, ErrorCode.UnsupportedMediaType, '请以 multipart/form-data 上传文件');
  try {
    const part = await req.file();
    if (!part) throw new AppError(400, ErrorCode.ImportFailed, '没有收到文件');
    const data = await part.toBuffer();
    if (part.file.truncated) throw new AppError(413, ErrorCode.ImportFailed, '文件不能超过 10 MB');
    return { name: part.filename || '导入文件', data };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, ErrorCode.ImportFailed, '文件不能超过 10 MB');
    throw new AppError(400, ErrorCode.ImportFailed, '文件上传不完整，请重试');
  }
}

/** 小区与房屋 (admins): communities → buildings → units → rooms, their edits, and room imports. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
@Roles('admin')
export class PlacesController {
  constructor(
    private readonly org: OrgService,
    private readonly places: PlacesService,
    private readonly imports: RoomImportService,
    private readonly scopes: ScopeService,
  ) {}

  @Get('communities')
  @ApiDoc('本公司的全部小区（含已停用）', refList('PlaceCommunityView'))
  async communities(@CurrentCaller() c: Caller): Promise<PlaceCommunityView[]> {
    return (await this.places.communities(await this.scopes.resolve(c))).map(placeCommunityView);
  }

  @Post('communities')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('新建小区', ref('PlaceCommunityView'), 201)
  async createCommunity(@CurrentCaller() c: Caller, @Body() dto: CreateCommunityDto): Promise<PlaceCommunityView> {
    return placeCommunityView(await this.org.createCommunity(c, dto));
  }

  @Patch('communities/:id')
  @ApiDoc('修改或停用小区（带 version）', ref('PlaceCommunityView'))
  async updateCommunity(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdateCommunityDto): Promise<PlaceCommunityView> {
    return placeCommunityView(await this.places.updateCommunity(await this.scopes.resolve(c), id, dto));
  }

  @Get('communities/:id/buildings')
  @ApiDoc('小区的楼栋（含已停用）', refList('PlaceBuildingView'))
  async buildings(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PlaceBuildingView[]> {
    return (await this.places.buildings(await this.scopes.resolve(c), id)).map(placeBuildingView);
  }

  @Post('buildings')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('新建楼栋', ref('PlaceBuildingView'), 201)
  async createBuilding(@CurrentCaller() c: Caller, @Body() dto: CreateBuildingDto): Promise<PlaceBuildingView> {
    return placeBuildingView(await this.org.createBuilding(await this.scopes.resolve(c), dto));
  }

  @Patch('buildings/:id')
  @ApiDoc('改名或停用楼栋（房屋全称随之更新）', ref('PlaceBuildingView'))
  async updateBuilding(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdatePlaceDto): Promise<PlaceBuildingView> {
    return placeBuildingView(await this.places.updateBuilding(await this.scopes.resolve(c), id, dto));
  }

  @Get('buildings/:id/units')
  @ApiDoc('楼栋的单元（含已停用）', refList('PlaceUnitView'))
  async units(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PlaceUnitView[]> {
    return (await this.places.units(await this.scopes.resolve(c), id)).map(placeUnitView);
  }

  @Post('units')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('新建单元', ref('PlaceUnitView'), 201)
  async createUnit(@CurrentCaller() c: Caller, @Body() dto: CreateUnitDto): Promise<PlaceUnitView> {
    return placeUnitView(await this.org.createUnit(await this.scopes.resolve(c), dto));
  }

  @Patch('units/:id')
  @ApiDoc('改名或停用单元（房屋全称随之更新）', ref('PlaceUnitView'))
  async updateUnit(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdatePlaceDto): Promise<PlaceUnitView> {
    return placeUnitView(await this.places.updateUnit(await this.scopes.resolve(c), id, dto));
  }

  @Get('units/:id/rooms')
  @ApiDoc('单元的房屋（含已停用），业主手机号完整显示（仅管理员）', refList('PlaceRoomView'))
  async rooms(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PlaceRoomView[]> {
    return (await this.places.rooms(await this.scopes.resolve(c), id)).map(placeRoomView);
  }

  @Post('rooms')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('新建房屋（同一单元内房号唯一）', ref('PlaceRoomView'), 201)
  async createRoom(@CurrentCaller() c: Caller, @Body() dto: CreateRoomDto): Promise<PlaceRoomView> {
    return placeRoomView(await this.org.createRoom(await this.scopes.resolve(c), dto));
  }

  @Patch('rooms/:id')
  @ApiDoc('修改或停用房屋（带 version）', ref('PlaceRoomView'))
  async updateRoom(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdateRoomDto): Promise<PlaceRoomView> {
    return placeRoomView(await this.places.updateRoom(await this.scopes.resolve(c), id, dto));
  }

  @Post('communities/:id/rooms/import')
  @ApiConsumes('text/csv')
  @ApiDoc('同步导入房屋（CSV 文本；有错误行时整批不导入）', ref('RoomImportResult'), 201)
  async importRooms(@CurrentCaller() c: Caller, @Param('id', IdPipe) communityId: number, @Body() csv: string): Promise<RoomImportResult> {
    return this.org.importRooms(await this.scopes.resolve(c), communityId, typeof csv === 'string' ? csv : '');
  }

  @Post('communities/:id/room-imports')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CSV（UTF-8）或 Excel .xlsx' } } } })
  @ApiOperation({ summary: '后台导入房屋（CSV / Excel）：返回导入任务，轮询其进度与逐行错误' })
  @ApiAcceptedResponse({ description: '已受理', schema: ref('ImportJobView') })
  async startImport(@CurrentCaller() c: Caller, @Param('id', IdPipe) communityId: number, @Req() req: MultipartReq): Promise<ImportJobView> {
    const scope = await this.scopes.resolve(c);
    const { name, data } = await uploadedFile(req);
    if (data.length > MAX_IMPORT_BYTES) throw new AppError(413, ErrorCode.ImportFailed, '文件不能超过 10 MB');
    return this.imports.start(scope, communityId, name, data);
  }

  @Get('room-imports/:id')
  @ApiDoc('导入任务的进度与错误报告', ref('ImportJobView'))
  async importJob(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<ImportJobView> {
    return this.imports.get(await this.scopes.resolve(c), id);
  }
}
