import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { contractsOverlap, ErrorCode, feeStandardText, FeeContractView, RoomContractsView } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { AddContractDto, EndContractDto } from './dto/fee-charges.dto';
import { FeeContract } from './entities/fee-contract.entity';
import { FeeItem } from './entities/fee-item.entity';
import { scopedRoom } from './fee-room';

function contractView(
  c: FeeContract,
  item: Pick<FeeItem, 'name' | 'kind' | 'periodUnit' | 'priceE4' | 'tiers' | 'meterUnit' | 'amountCents'>,
  createdByName: string | null,
): FeeContractView {
  return {
    id: c.id,
    roomId: c.roomId,
    feeItemId: c.feeItemId,
    itemName: item.name,
    standardText: feeStandardText(item),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    note: c.note,
    active: c.active,
    version: c.version,
    createdByName,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Fixed items contracted per room (车位租金 …): the cashier, the manager and the admin list, add and end them. */
@Injectable()
export class FeeContractsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, roomId: number): Promise<RoomContractsView> {
    const scope = await this.scopes.resolve(caller);
    const room = await scopedRoom(this.ds.manager, scope, roomId);
    const [rows, items] = await Promise.all([
      this.ds
        .getRepository(FeeContract)
        .createQueryBuilder('c')
        .leftJoin('users', 'u', 'u.id = c.created_by')
        .addSelect('u.name', 'created_by_name')
        .where('c.roomId = :roomId AND c.active = :active', { roomId, active: true })
        .orderBy('c.id', 'DESC')
        .getRawAndEntities(),
      this.ds.getRepository(FeeItem).find({ where: { companyId: caller.companyId, communityId: room.communityId, kind: 'fixed' }, order: { id: 'ASC' } }),
    ]);
    const byId = new Map(items.map((i) => [i.id, i]));
    return {
      roomId,
      roomLabel: room.label,
      communityId: room.communityId,
      contracts: rows.entities.filter((c) => byId.has(c.feeItemId)).map((c, i) => contractView(c, byId.get(c.feeItemId)!, rows.raw[i].created_by_name ?? null)),
      items: items.filter((i) => i.active).map((i) => ({ id: i.id, name: i.name, standardText: feeStandardText(i) })),
    };
  }

  async add(caller: Caller, dto: AddContractDto): Promise<FeeContractView> {
    if (dto.endsOn && dto.endsOn < dto.startsOn) throw AppError.badRequest('截止日期不能早于起始日期');
    const scope = await this.scopes.resolve(caller);
    const room = await scopedRoom(this.ds.manager, scope, dto.roomId);
    const item = await this.ds.getRepository(FeeItem).findOneBy({ id: dto.feeItemId, companyId: caller.companyId, communityId: room.communityId });
    if (!item) throw AppError.notFound('收费项目');
    if (item.kind !== 'fixed' || !item.active) throw AppError.badRequest('只能签约启用中的定额收费项目（如车位租金）');
    const now = this.clock.now();
    const values: Partial<FeeContract> = {
      companyId: caller.companyId,
      communityId: room.communityId,
      roomId: room.id,
      feeItemId: item.id,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn ?? null,
      note: dto.note ?? null,
      active: true,
      version: 1,
      createdBy: caller.userId,
      createdAt: now,
      updatedAt: now,
    };
    const id = await this.ds.transaction(async (em) => {
      // the room's contracts of this item, locked: two overlapping ones would bill one line for both
      const lock = em.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
      const same: { starts_on: string; ends_on: string | null }[] = await em.query(
        `SELECT starts_on, ends_on FROM fee_contracts WHERE room_id = ? AND fee_item_id = ? AND active = ?${lock}`,
        [room.id, item.id, true],
      );
      if (same.some((c) => contractsOverlap({ startsOn: c.starts_on, endsOn: c.ends_on }, { startsOn: dto.startsOn, endsOn: dto.endsOn ?? null })))
        throw AppError.conflict(ErrorCode.Conflict, `该房屋在此期间已签约「${item.name}」`);
      return insertRow(em, FeeContract, values);
    });
    return contractView(Object.assign(new FeeContract(), values, { id }), item, null);
  }

  /** Ends a contract on a date (inclusive): the periods after it are no longer billed. */
  async end(caller: Caller, id: number, dto: EndContractDto): Promise<FeeContractView> {
    const scope = await this.scopes.resolve(caller);
    const c = await this.ds.getRepository(FeeContract).findOneBy({ id, companyId: caller.companyId, active: true });
    scope.assertCommunity(c, '签约');
    if (dto.endsOn < c!.startsOn) throw AppError.badRequest(`截止日期不能早于起始日期 ${c!.startsOn}`);
    if (c!.version !== dto.version) throw AppError.versionConflict(c!.version);
    const now = this.clock.now();
    const res = await this.ds
      .createQueryBuilder()
      .update(FeeContract)
      .set({ endsOn: dto.endsOn, version: dto.version + 1, updatedAt: now })
      .where('id = :id AND version = :version', { id, version: dto.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    const item = await this.ds.getRepository(FeeItem).findOneByOrFail({ id: c!.feeItemId });
    return contractView(Object.assign(c!, { endsOn: dto.endsOn, version: dto.version + 1, updatedAt: now }), item, null);
  }
}
