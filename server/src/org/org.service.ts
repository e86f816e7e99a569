import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, normalizeMobile, RoomImportResult } from '@linli/shared';
import { AccessCache } from '../common/access-cache';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { AuditService } from '../common/audit.service';
import { Clock } from '../common/clock';
import { Scope } from '../common/scope';
import { readRoomFile } from './import/room-import.service';
import { writeRoomRows } from './import/room-writer';
import { CreateBuildingDto, CreateCommunityDto, CreateRoomDto, CreateUnitDto } from './dto/org.dto';
import { Building } from './entities/building.entity';
import { Community } from './entities/community.entity';
import { Room } from './entities/room.entity';
import { Unit } from './entities/unit.entity';
import { roomLabel } from './room-label';
import { LIKE_ESCAPE, likeContains } from '../common/like';

/** Residents' pickers leave out deactivated places; staff still see them (old tickets point there). */
const live = (scope: Scope) => (scope.isResident ? { active: true } : {});

/** Company → community → building → unit → room: reads for pickers, creation and bulk import for admins. */
@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessCache,
  ) {}

  communities(scope: Scope) {
    if (!scope.communityIds.length) return Promise.resolve([]);
    return this.ds.getRepository(Community).find({ where: { companyId: scope.companyId, id: In(scope.communityIds), ...live(scope) }, order: { id: 'ASC' } });
  }

  async community(scope: Scope, id: number) {
    const c = await this.ds.getRepository(Community).findOneBy({ id });
    scope.assertCommunity(c && { companyId: c.companyId, communityId: c.id }, '小区');
    return c!;
  }

  async buildings(scope: Scope, communityId: number) {
    await this.community(scope, communityId);
    return this.ds.getRepository(Building).find({ where: { communityId, ...live(scope) }, order: { id: 'ASC' } });
  }

  async building(scope: Scope, id: number) {
    const b = await this.ds.getRepository(Building).findOneBy({ id });
    scope.assertCommunity(b, '楼栋');
    return b!;
  }

  async units(scope: Scope, buildingId: number) {
    await this.building(scope, buildingId);
    return this.ds.getRepository(Unit).find({ where: { buildingId, ...live(scope) }, order: { id: 'ASC' } });
  }

  async unit(scope: Scope, id: number) {
    const u = await this.ds.getRepository(Unit).findOneBy({ id });
    scope.assertCommunity(u, '单元');
    return u!;
  }

  async rooms(scope: Scope, unitId: number) {
    await this.unit(scope, unitId);
    return this.ds.getRepository(Room).find({ where: { unitId, ...live(scope) }, order: { floor: 'ASC', name: 'ASC' } });
  }

  async room(scope: Scope, id: number) {
    const r = await this.ds.getRepository(Room).findOneBy({ id });
    scope.assertCommunity(r, '房屋');
    return r!;
  }

  /** Hotline lookup: a room number fragment ("1201", "1栋1单元") or an owner's phone. */
  async searchRooms(scope: Scope, q: string, communityId?: number) {
    if (communityId !== undefined && !scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const qb = this.ds.getRepository(Room).createQueryBuilder('r');
    scope.apply(qb, 'r');
    if (communityId !== undefined) qb.andWhere('r.communityId = :communityId', { communityId });
    const phone = normalizeMobile(q);
    if (phone) qb.andWhere('r.ownerPhone = :phone', { phone });
    else qb.andWhere(`r.label LIKE :q ${LIKE_ESCAPE}`, { q: likeContains(q) });
    return qb.orderBy('r.label', 'ASC').limit(30).getMany();
  }

  async createCommunity(caller: Caller, dto: CreateCommunityDto) {
    const repo = this.ds.getRepository(Community);
    if (await repo.existsBy({ companyId: caller.companyId, code: dto.code })) throw AppError.conflict(ErrorCode.DuplicateName, `小区编码 ${dto.code} 已存在`);
    const c = repo.create({
      companyId: caller.companyId,
      name: dto.name,
      code: dto.code,
      address: dto.address ?? null,
      handoverDate: dto.handoverDate ?? null,
      createdAt: this.clock.now(),
    });
    const saved = await repo.save(c);
    this.access.invalidateCompany(caller.companyId);
    return saved;
  }

  async createBuilding(scope: Scope, dto: CreateBuildingDto) {
    const c = await this.community(scope, dto.communityId);
    const repo = this.ds.getRepository(Building);
    if (await repo.existsBy({ communityId: c.id, name: dto.name })) throw AppError.conflict(ErrorCode.DuplicateName, `楼栋「${dto.name}」已存在`);
    return repo.save(repo.create({ companyId: c.companyId, communityId: c.id, name: dto.name }));
  }

  async createUnit(scope: Scope, dto: CreateUnitDto) {
    const b = await this.building(scope, dto.buildingId);
    const repo = this.ds.getRepository(Unit);
    if (await repo.existsBy({ buildingId: b.id, name: dto.name })) throw AppError.conflict(ErrorCode.DuplicateName, `单元「${dto.name}」已存在`);
    return repo.save(repo.create({ companyId: b.companyId, communityId: b.communityId, buildingId: b.id, name: dto.name }));
  }

  async createRoom(scope: Scope, dto: CreateRoomDto) {
    const u = await this.unit(scope, dto.unitId);
    const b = await this.ds.getRepository(Building).findOneByOrFail({ id: u.buildingId });
    const repo = this.ds.getRepository(Room);
    if (await repo.existsBy({ unitId: u.id, name: dto.name })) throw AppError.conflict(ErrorCode.DuplicateName, `房号「${dto.name}」已存在`);
    return repo.save(
      repo.create({
        companyId: u.companyId,
        communityId: u.communityId,
        buildingId: u.buildingId,
        unitId: u.id,
        name: dto.name,
        label: roomLabel(b.name, u.name, dto.name),
        floor: dto.floor ?? null,
        areaCenti: dto.areaCenti ?? null,
        ownerName: dto.ownerName ?? null,
        ownerPhone: dto.ownerPhone ?? null,
        createdAt: this.clock.now(),
      }),
    );
  }

  /**
   * Synchronous bulk import for API clients (CSV text body): all rows are checked first and nothing is written when
   * any row is bad; then everything is written in one transaction. The staff app uses the background job instead.
   */
  async importRooms(scope: Scope, communityId: number, csv: string): Promise<RoomImportResult> {
    const community = await this.community(scope, communityId);
    const checked = await readRoomFile(Buffer.from(csv ?? '', 'utf8'));
    if (checked.errors.length) {
      const lines = new Set(checked.errors.map((e) => e.row)).size;
      const details = checked.errors.slice(0, 200).map((e) => ({ line: e.row, field: e.field, message: e.message }));
      throw new AppError(400, ErrorCode.ImportFailed, `有 ${lines} 行数据有误，未导入任何数据`, details);
    }
    return this.ds.transaction(async (em) => {
      const counts = await writeRoomRows(em, community, checked.rows, this.clock.now());
      await this.audit.record(em, scope.caller, 'rooms.import', 'community', communityId, { created: counts.created, updated: counts.updated });
      return { ...counts, errors: [] };
    });
  }

  /** For other features: rooms by id in one query. */
  roomsById(em: EntityManager | DataSource, ids: number[]) {
    return ids.length ? em.getRepository(Room).findBy({ id: In(ids) }) : Promise.resolve([]);
  }
}
