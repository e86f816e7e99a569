import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AuditService } from '../common/audit.service';
import { Scope } from '../common/scope';
import { UpdateCommunityDto, UpdatePlaceDto, UpdateRoomDto } from './dto/places.dto';
import { Building } from './entities/building.entity';
import { Community } from './entities/community.entity';
import { Room } from './entities/room.entity';
import { Unit } from './entities/unit.entity';
import { roomLabel } from './room-label';

type Versioned = ObjectLiteral & { id: number; version: number };

/** 小区与房屋 for admins: every place of the company, deactivated ones too, and their edits (version-checked). */
@Injectable()
export class PlacesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  communities(scope: Scope) {
    return this.ds.getRepository(Community).find({ where: { companyId: scope.companyId }, order: { id: 'ASC' } });
  }

  async buildings(scope: Scope, communityId: number) {
    const c = await this.ds.getRepository(Community).findOneBy({ id: communityId });
    scope.assertCommunity(c && { companyId: c.companyId, communityId: c.id }, '小区');
    return this.ds.getRepository(Building).find({ where: { communityId }, order: { id: 'ASC' } });
  }

  async units(scope: Scope, buildingId: number) {
    scope.assertCommunity(await this.ds.getRepository(Building).findOneBy({ id: buildingId }), '楼栋');
    return this.ds.getRepository(Unit).find({ where: { buildingId }, order: { id: 'ASC' } });
  }

  async rooms(scope: Scope, unitId: number) {
    scope.assertCommunity(await this.ds.getRepository(Unit).findOneBy({ id: unitId }), '单元');
    return this.ds.getRepository(Room).find({ where: { unitId }, order: { floor: 'ASC', name: 'ASC' }, take: 1000 });
  }

  updateCommunity(scope: Scope, id: number, dto: UpdateCommunityDto) {
    return this.ds.transaction(async (em) => {
      const c = await em.findOneBy(Community, { id });
      scope.assertCommunity(c && { companyId: c.companyId, communityId: c.id }, '小区');
      const set: Partial<Community> = {};
      if (dto.name !== undefined) set.name = dto.name;
      if (dto.address !== undefined) set.address = dto.address;
      if (dto.handoverDate !== undefined) set.handoverDate = dto.handoverDate;
      if (dto.active !== undefined) set.active = dto.active;
      return this.save(em, scope, Community, c!, dto.version, set, 'community');
    });
  }

  updateBuilding(scope: Scope, id: number, dto: UpdatePlaceDto) {
    return this.ds.transaction(async (em) => {
      const b = await em.findOneBy(Building, { id });
      scope.assertCommunity(b, '楼栋');
      const renamed = dto.name !== undefined && dto.name !== b!.name;
      if (renamed && (await em.existsBy(Building, { communityId: b!.communityId, name: dto.name }))) {
        throw AppError.conflict(ErrorCode.DuplicateName, `楼栋「${dto.name}」已存在`);
      }
      const saved = await this.save(em, scope, Building, b!, dto.version, { ...(renamed ? { name: dto.name } : {}), ...this.active(dto) }, 'building');
      if (renamed) {
        const cat = this.mysql
          ? 'CONCAT(?, (SELECT u.name FROM units u WHERE u.id = rooms.unit_id), rooms.name)'
          : '? || (SELECT u.name FROM units u WHERE u.id = rooms.unit_id) || rooms.name';
        await em.query(`UPDATE rooms SET label = ${cat} WHERE building_id = ?`, [dto.name, id]);
      }
      return saved;
    });
  }

  updateUnit(scope: Scope, id: number, dto: UpdatePlaceDto) {
    return this.ds.transaction(async (em) => {
      const u = await em.findOneBy(Unit, { id });
      scope.assertCommunity(u, '单元');
      const renamed = dto.name !== undefined && dto.name !== u!.name;
      if (renamed && (await em.existsBy(Unit, { buildingId: u!.buildingId, name: dto.name }))) {
        throw AppError.conflict(ErrorCode.DuplicateName, `单元「${dto.name}」已存在`);
      }
      const saved = await this.save(em, scope, Unit, u!, dto.version, { ...(renamed ? { name: dto.name } : {}), ...this.active(dto) }, 'unit');
      if (renamed) {
        const b = await em.findOneByOrFail(Building, { id: u!.buildingId });
        const cat = this.mysql ? 'CONCAT(?, name)' : '? || name';
        await em.query(`UPDATE rooms SET label = ${cat} WHERE unit_id = ?`, [roomLabel(b.name, dto.name!, ''), id]);
      }
      return saved;
    });
  }

  updateRoom(scope: Scope, id: number, dto: UpdateRoomDto) {
    return this.ds.transaction(async (em) => {
      const r = await em.findOneBy(Room, { id });
      scope.assertCommunity(r, '房屋');
      const set: Partial<Room> = { ...this.active(dto) };
      if (dto.name !== undefined && dto.name !== r!.name) {
        if (await em.existsBy(Room, { unitId: r!.unitId, name: dto.name })) throw AppError.conflict(ErrorCode.DuplicateName, `房号「${dto.name}」已存在`);
        const rows: { b: string; u: string }[] = await em.query(
          'SELECT b.name AS b, u.name AS u FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ?',
          [r!.unitId],
        );
        set.name = dto.name;
        set.label = roomLabel(rows[0].b, rows[0].u, dto.name);
      }
      if (dto.floor !== undefined) set.floor = dto.floor;
      if (dto.areaCenti !== undefined) set.areaCenti = dto.areaCenti;
      if (dto.ownerName !== undefined) set.ownerName = dto.ownerName;
      if (dto.ownerPhone !== undefined) set.ownerPhone = dto.ownerPhone;
      return this.save(em, scope, Room, r!, dto.version, set, 'room');
    });
  }

  private get mysql() {
    return this.ds.options.type === 'mysql';
  }

  private active(dto: { active?: boolean }) {
    return dto.active === undefined ? {} : { active: dto.active };
  }

  /** Compare-and-set on the version: 409 when someone else saved first. */
  private async save<T extends Versioned>(
    em: EntityManager,
    scope: Scope,
    target: EntityTarget<T>,
    row: T,
    version: number,
    set: Partial<T>,
    kind: string,
  ): Promise<T> {
    if (row.version !== version) throw AppError.versionConflict(row.version);
    const res = await em
      .createQueryBuilder()
      .update(target)
      .set({ ...set, version: () => 'version + 1' } as never)
      .where('id = :id AND version = :version', { id: row.id, version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    const fields = Object.keys(set).filter((k) => k !== 'label' && k !== 'ownerPhone');
    await this.audit.record(em, scope.caller, `${kind}.update`, kind, row.id, { fields, ...('ownerPhone' in set ? { ownerPhone: 'changed' } : {}) });
    return { ...row, ...set, version: version + 1 };
  }
}
