import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, BillLineView, CHARGE_DUE_DAYS, chargePeriod, dueDateOf, OneOffItemView, shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { recordIdempotencyKey } from '../common/idempotency.interceptor';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { billLineView } from './bills.service';
import { CreateChargeDto } from './dto/fee-charges.dto';
import { newBillLine } from './new-rows';
import { BillLine } from './entities/bill-line.entity';
import { FeeItem } from './entities/fee-item.entity';
import { scopedRoom } from './fee-room';

/** One-off charges (一次性收费): one bill line of the room, charged by the desk or the cashier. */
@Injectable()
export class FeeChargesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  /** The one-off items a room can be charged (its community's, active). */
  async oneOffItems(caller: Caller, roomId: number): Promise<OneOffItemView[]> {
    const scope = await this.scopes.resolve(caller);
    const room = await scopedRoom(this.ds.manager, scope, roomId);
    const items = await this.ds
      .getRepository(FeeItem)
      .find({ where: { companyId: caller.companyId, communityId: room.communityId, kind: 'one_off', active: true }, order: { id: 'ASC' } });
    return items.map((i) => ({ id: i.id, name: i.name, amountCents: i.amountCents ?? 0 }));
  }

  async create(caller: Caller, dto: CreateChargeDto): Promise<BillLineView> {
    if (!dto.feeItemId && !dto.name) throw AppError.badRequest('请选择收费项目或填写收费名称');
    const scope = await this.scopes.resolve(caller);
    const room = await scopedRoom(this.ds.manager, scope, dto.roomId);
    let item: FeeItem | null = null;
    if (dto.feeItemId) {
      item = await this.ds.getRepository(FeeItem).findOneBy({ id: dto.feeItemId, companyId: caller.companyId, communityId: room.communityId });
      if (!item) throw AppError.notFound('收费项目');
      if (item.kind !== 'one_off' || !item.active) throw AppError.badRequest('请选择启用中的一次性收费项目');
    }
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const period = chargePeriod(today);
    const values = newBillLine(
      {
        companyId: room.companyId,
        communityId: room.communityId,
        roomId: room.id,
        feeItemId: item?.id ?? null,
        period,
        sourceKey: `charge:${randomUUID()}`,
        name: item?.name ?? dto.name!,
        payer: item?.payer ?? dto.payer ?? 'owner',
        amountCents: dto.amountCents,
        detail: { reason: dto.reason, chargedBy: caller.userId },
        dueDate: item ? dueDateOf(period, item.dueDay) : addDays(today, CHARGE_DUE_DAYS),
        lateFeeRatePpm: item?.lateFeeRatePpm ?? 0,
        lateFeeGraceDays: item?.lateFeeGraceDays ?? 0,
        lateFeeCapPercent: item?.lateFeeCapPercent ?? null,
      },
      now,
    );
    return this.ds.transaction(async (em) => {
      const id = await insertRow(em, BillLine, values);
      const view = billLineView(Object.assign(new BillLine(), values, { id }), today);
      await recordIdempotencyKey(em, 'bill_line', id, view);
      return view;
    });
  }
}
