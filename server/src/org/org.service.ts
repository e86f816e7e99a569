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
import { parseAreaCenti, parseCsv } from './csv';
import { CreateBuildingDto, CreateCommunityDto, CreateRoomDto, CreateUnitDto } from './dto/org.dto';
import { Building } from './entities/building.entity';
import { Community } from './entities/community.entity';
import { Room } from './entities/room.entity';
import { Unit } from './entities/unit.entity';
import { roomLabel } from './room-label';
import { LIKE_ESCAPE, likeContains } from '../common/like';

const IMPORT_HEADER = ['building', 'unit', 'room', 'floor', 'area', 'owner_name', 'owner_phone'];

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
    return this.ds.getRepository(Community).find({ where: { companyId: scope.companyId, id: In(scope.communityIds) }, order: { id: 'ASC' } });
  }

  async community(scope: Scope, id: number) {
    const c = await this.ds.getRepository(Community).findOneBy({ id });
    scope.assertCommunity(c && { companyId: c.companyId, communityId: c.id }, '小区');
    return c!;
  }

  async buildings(scope: Scope, communityId: number) {
    await this.community(scope, communityId);
    return this.ds.getRepository(Building).find({ where: { communityId }, order: { id: 'ASC' } });
  }

  async building(scope: Scope, id: number) {
    const b = await this.ds.getRepository(Building).findOneBy({ id });
    scope.assertCommunity(b, '楼栋');
    return b!;
  }

  async units(scope: Scope, buildingId: number) {
    await this.building(scope, buildingId);
    return this.ds.getRepository(Unit).find({ where: { buildingId }, order: { id: 'ASC' } });
  }

  async unit(scope: Scope, id: number) {
    const u = await this.ds.getRepository(Unit).findOneBy({ id });
    scope.assertCommunity(u, '单元');
    return u!;
  }

  async rooms(scope: Scope, unitId: number) {
    await this.unit(scope, unitId);
    return this.ds.getRepository(Room).find({ where: { unitId }, order: { floor: 'ASC', name: 'ASC' } });
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
   * Bulk import (a company has thousands of rooms): all rows are checked first and nothing is written when
   * any row is bad; then buildings and units are created as needed and rooms inserted or updated, in one transaction.
   */
  async importRooms(scope: Scope, communityId: number, csv: string): Promise<RoomImportResult> {
    const community = await this.community(scope, communityId);
    const rows = parseCsv(csv ?? '');
    const header = rows.shift()?.map((h) => h.trim().toLowerCase());
    if (!header || IMPORT_HEADER.some((h, i) => header[i] !== h)) {
      throw new AppError(400, ErrorCode.ImportFailed, `表头应为：${IMPORT_HEADER.join(',')}`);
    }
    type Parsed = {
      line: number;
      building: string;
      unit: string;
      room: string;
      floor: number | null;
      areaCenti: number | null;
      ownerName: string | null;
      ownerPhone: string | null;
    };
    const parsed: Parsed[] = [];
    const errors: { line: number; message: string }[] = [];
    const seen = new Set<string>();
    rows.forEach((cells, i) => {
      const line = i + 2;
      const [building, unit, room, floorS, areaS, ownerName, ownerPhoneS] = cells.map((c) => (c ?? '').trim());
      const problems: string[] = [];
      if (!building || building.length > 50) problems.push('楼栋不能为空（最多 50 字）');
      if (!unit || unit.length > 50) problems.push('单元不能为空（最多 50 字）');
      if (!room || room.length > 50) problems.push('房号不能为空（最多 50 字）');
      const floor = floorS ? Number(floorS) : null;
      if (floor !== null && !Number.isInteger(floor)) problems.push('楼层必须是整数');
      const areaCenti = parseAreaCenti(areaS ?? '');
      if (Number.isNaN(areaCenti)) problems.push('面积格式不正确（如 89.56）');
      const ownerPhone = ownerPhoneS ? normalizeMobile(ownerPhoneS) : null;
      if (ownerPhoneS && !ownerPhone) problems.push('业主手机号格式不正确');
      if ((ownerName ?? '').length > 50) problems.push('业主姓名太长');
      const key = `${building}|${unit}|${room}`;
      if (seen.has(key)) problems.push('与前面的行重复');
      seen.add(key);
      if (problems.length) errors.push({ line, message: problems.join('；') });
      else parsed.push({ line, building, unit, room, floor, areaCenti, ownerName: ownerName || null, ownerPhone });
    });
    if (errors.length) throw new AppError(400, ErrorCode.ImportFailed, `有 ${errors.length} 行数据有误，未导入任何数据`, errors.slice(0, 200));
    if (!parsed.length) throw new AppError(400, ErrorCode.ImportFailed, '文件中没有数据行');

    return this.ds.transaction(async (em) => {
      const result: RoomImportResult = { created: 0, updated: 0, buildingsCreated: 0, unitsCreated: 0, errors: [] };
      const buildings = new Map((await em.find(Building, { where: { communityId } })).map((b) => [b.name, b]));
      const units = new Map((await em.find(Unit, { where: { communityId } })).map((u) => [`${u.buildingId}|${u.name}`, u]));
      const existing = new Map((await em.find(Room, { where: { communityId } })).map((r) => [`${r.unitId}|${r.name}`, r]));
      const now = this.clock.now();
      const toInsert: Partial<Room>[] = [];
      for (const p of parsed) {
        let b = buildings.get(p.building);
        if (!b) {
          b = await em.save(em.create(Building, { companyId: community.companyId, communityId, name: p.building }));
          buildings.set(p.building, b);
          result.buildingsCreated++;
        }
        let u = units.get(`${b.id}|${p.unit}`);
        if (!u) {
          u = await em.save(em.create(Unit, { companyId: community.companyId, communityId, buildingId: b.id, name: p.unit }));
          units.set(`${b.id}|${p.unit}`, u);
          result.unitsCreated++;
        }
        const fields = { floor: p.floor, areaCenti: p.areaCenti, ownerName: p.ownerName, ownerPhone: p.ownerPhone };
        const prior = existing.get(`${u.id}|${p.room}`);
        if (prior) {
          await em.update(Room, { id: prior.id }, fields);
          result.updated++;
        } else {
          toInsert.push({
            companyId: community.companyId,
            communityId,
            buildingId: b.id,
            unitId: u.id,
            name: p.room,
            label: roomLabel(b.name, u.name, p.room),
            createdAt: now,
            ...fields,
          });
        }
      }
      for (let i = 0; i < toInsert.length; i += 500) await em.insert(Room, toInsert.slice(i, i + 500));
      result.created = toInsert.length;
      await this.audit.record(em, scope.caller, 'rooms.import', 'community', communityId, { created: result.created, updated: result.updated });
      return result;
    });
  }

  /** For other features: rooms by id in one query. */
  roomsById(em: EntityManager | DataSource, ids: number[]) {
    return ids.length ? em.getRepository(Room).findBy({ id: In(ids) }) : Promise.resolve([]);
  }
}
