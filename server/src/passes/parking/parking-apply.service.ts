import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  addCalendarDays,
  addDays,
  CHARGE_DUE_DAYS,
  chargePeriod,
  endOfShanghaiDate,
  ErrorCode,
  formatPlate,
  isRealDate,
  PARKING_FEE_ITEM_NAMES,
  PARKING_MAX_START_DAYS,
  parkingEndsOn,
  ParkingPassView,
  parsePlate,
  PassKind,
  PassStatus,
  shanghaiDate,
  startOfShanghaiDate,
} from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { sqlTime } from '../../common/sql-time';
import { insertRow } from '../../database/insert-row';
import { lockParentRow } from '../../database/row-lock';
import { execute } from '../../fees/ledger-sql';
import { BillLine } from '../../fees/entities/bill-line.entity';
import { newBillLine } from '../../fees/new-rows';
import { Pass } from '../entities/pass.entity';
import { PassIssuer } from '../pass-issuer';
import { detailsOf, residentRoom, ResidentRoom } from '../pass-queue-rows';
import { fromJson, jsonRow } from '../../database/json-rows';
import { FeeItem } from '../../fees/entities/fee-item.entity';
import { Upload } from '../../storage/upload.entity';
import { ApplyParkingDto } from './dto';
import { PARKING_SOURCE, ParkingDetails } from './parking-details';
import { ParkingReadService } from './parking-read.service';

type Loaded = ResidentRoom & { item: FeeItem; upload: Upload | undefined; dup: number };
/** What the load reads: the fee item by name, the plate's other passes ending after `after`, the upload (-1: none). */
type LoadQuery = { roomId: number; itemName: string; plate: string; after: Date; uploadId: number };

/** A resident's parking pass applications and renewals: each a bill line for the fee and a pass waiting for it. */
@Injectable()
export class ParkingApplyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly issuer: PassIssuer,
    private readonly read: ParkingReadService,
  ) {}

  /** The room, the fee item of the vehicle and term, other passes of the plate, the insurance upload: one statement. */
  private async load(em: EntityManager, c: Caller, q: LoadQuery) {
    const room = await residentRoom(em, c, q.roomId, {
      sql: `, ${jsonRow(em, FeeItem, 'fi', "FROM fee_items fi WHERE fi.community_id = r.community_id AND fi.name = ? AND fi.kind = 'one_off' AND fi.active = 1")} AS item_json,
        (SELECT COUNT(*) FROM passes o WHERE o.community_id = r.community_id AND o.plate = ? AND o.kind = 'parking'
           AND o.status IN ('pending_payment', 'review', 'active') AND o.valid_until > ?) AS dup,
        ${jsonRow(em, Upload, 'up', 'FROM uploads up WHERE up.id = ? AND up.uploader_id = b.user_id AND up.subject_id IS NULL')} AS upload_json`,
      params: [q.itemName, q.plate, sqlTime(q.after), q.uploadId],
    });
    const [item] = fromJson(em, FeeItem, room.extra.item_json);
    const [upload] = fromJson(em, Upload, room.extra.upload_json);
    return { ...room, item, upload, dup: Number(room.extra.dup) };
  }

  async apply(c: Caller, dto: ApplyParkingDto): Promise<ParkingPassView> {
    const plate = parsePlate(dto.plate);
    if (!plate) throw AppError.badRequest('车牌号码格式不正确（例如 粤B12345，新能源 粤BD12345）');
    const now = this.clock.now();
    const today = shanghaiDate(now);
    if (!isRealDate(dto.startsOn) || dto.startsOn < today || dto.startsOn > addCalendarDays(today, PARKING_MAX_START_DAYS))
      throw AppError.badRequest(`开始日期须在今天到 ${PARKING_MAX_START_DAYS} 天之内`);
    const endsOn = parkingEndsOn(dto.startsOn, dto.term);
    if (!isRealDate(dto.insuranceUntil) || dto.insuranceUntil < endsOn)
      throw AppError.badRequest(`车辆保险须覆盖停车证有效期（${dto.startsOn} 至 ${endsOn}），请上传有效期内的保险`);
    const q = { roomId: dto.roomId, itemName: PARKING_FEE_ITEM_NAMES[dto.vehicle][dto.term], plate: plate.plate, after: now, uploadId: dto.insuranceUploadId };
    return this.locked(c, q, (em, room) => {
      if (room.dup > 0) throw AppError.conflict(ErrorCode.Conflict, `车牌 ${formatPlate(plate.plate)} 在本小区已有待办或有效的停车证`);
      if (!room.upload) throw AppError.badRequest('请先上传车辆保险单（图片或 PDF）');
      const details: ParkingDetails = {
        vehicle: dto.vehicle,
        term: dto.term,
        startsOn: dto.startsOn,
        endsOn,
        newEnergy: plate.newEnergy,
        insuranceUploadId: dto.insuranceUploadId,
        insuranceUntil: dto.insuranceUntil,
        feeCents: room.item.amountCents ?? 0,
      };
      return this.write(em, c, room, plate.plate, details, now, room.upload);
    });
  }

  /** Next term, same vehicle and insurance: refused when the insurance no longer covers it. */
  async renew(c: Caller, id: number): Promise<ParkingPassView> {
    const now = this.clock.now();
    const old = await this.ds.manager.findOneBy(Pass, { id, kind: PassKind.Parking, companyId: c.companyId });
    if (!old || old.holderUserId === null) throw AppError.notFound('停车证');
    const d = detailsOf<ParkingDetails>(old);
    if (old.status !== PassStatus.Active) throw AppError.conflict(ErrorCode.Conflict, '只有有效的停车证可以续期');
    const startsOn = addCalendarDays(d.endsOn, 1);
    const endsOn = parkingEndsOn(startsOn, d.term);
    if (d.insuranceUntil < endsOn)
      throw AppError.badRequest(`车辆保险 ${d.insuranceUntil} 到期，不覆盖续期（${startsOn} 至 ${endsOn}），请上传新的保险后重新申请`);
    const q = {
      roomId: old.roomId,
      itemName: PARKING_FEE_ITEM_NAMES[d.vehicle][d.term],
      plate: old.plate!,
      after: startOfShanghaiDate(startsOn),
      uploadId: -1,
    };
    return this.locked(c, q, (em, room) => {
      if (room.dup > 0) throw AppError.conflict(ErrorCode.Conflict, '该停车证已续期，请在列表中缴费');
      const details: ParkingDetails = { ...d, startsOn, endsOn, feeCents: room.item.amountCents ?? 0, problems: undefined, renewedFrom: old.id };
      return this.write(em, c, room, old.plate!, details, now, null);
    });
  }

  /**
   * ONE transaction: the room's community locked (the room's row with it), then the load and the plate check, then
   * the writes. The plate rule is per community, so two applications of a plate at once (from any rooms) run one
   * after the other and the second sees the first's pass: 409 (see lockParentRow).
   */
  private locked<T>(c: Caller, q: LoadQuery, then: (em: EntityManager, room: Loaded) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (em) => {
      const lock = 'SELECT c.id FROM rooms r JOIN communities c ON c.id = r.community_id WHERE r.id = ? AND r.company_id = ?';
      await lockParentRow(em, lock, [q.roomId, c.companyId]);
      const room = await this.load(em, c, q);
      if (!room.item) throw AppError.conflict(ErrorCode.Conflict, `本小区尚未公示「${q.itemName}」收费标准，暂不能办理，请联系物业`);
      return then(em, room);
    });
  }

  /** The fee's bill line, the pass waiting for it, the insurance attached to it (in locked()'s transaction). */
  private async write(em: EntityManager, c: Caller, room: Loaded, plate: string, d: ParkingDetails, now: Date, upload: Upload | null) {
    const today = shanghaiDate(now);
    const x = room.item;
    const line = newBillLine(
      {
        companyId: room.companyId,
        communityId: room.communityId,
        roomId: room.roomId,
        feeItemId: x.id,
        period: chargePeriod(today),
        sourceKey: `${PARKING_SOURCE}${randomUUID()}`,
        name: `${PARKING_FEE_ITEM_NAMES[d.vehicle][d.term]} ${formatPlate(plate)}`.slice(0, 50),
        payer: x.payer,
        amountCents: d.feeCents,
        detail: { plate, startsOn: d.startsOn, endsOn: d.endsOn },
        dueDate: addDays(today, CHARGE_DUE_DAYS),
        lateFeeRatePpm: x.lateFeeRatePpm,
        lateFeeGraceDays: x.lateFeeGraceDays,
        lateFeeCapPercent: x.lateFeeCapPercent,
      },
      now,
    );
    const lineId = await insertRow(em, BillLine, line);
    const row = this.row(c, room, plate, d, lineId, now);
    const [id] = await this.issuer.create(em, [row], now);
    if (upload) await this.attach(em, upload.id, id);
    const pass = Object.assign(new Pass(), row, { id, entriesUsed: 0, issuedAt: null, reviewNote: null, version: 1 });
    const view = this.read.view(pass, room.label, upload ?? (await this.read.insuranceOf(em, d.insuranceUploadId)), now, true);
    await recordIdempotencyKey(em, 'pass', id, view);
    return view;
  }

  private row(c: Caller, room: ResidentRoom, plate: string, d: ParkingDetails, billLineId: number, now: Date) {
    return {
      companyId: room.companyId,
      communityId: room.communityId,
      roomId: room.roomId,
      kind: PassKind.Parking,
      status: PassStatus.PendingPayment,
      holderName: room.userName.slice(0, 50),
      holderPhone: room.userPhone,
      holderUserId: c.userId,
      plate,
      validFrom: startOfShanghaiDate(d.startsOn),
      validUntil: endOfShanghaiDate(d.endsOn),
      entriesTotal: null,
      linkToken: null,
      permitId: null,
      billLineId,
      detailsJson: JSON.stringify(d),
      createdBy: c.userId,
      createdAt: now,
      updatedAt: now,
    };
  }

  private async attach(em: EntityManager, uploadId: number, passId: number) {
    const r = await execute(em, "UPDATE uploads SET subject_type = 'pass', subject_id = ?, purpose = 'insurance' WHERE id = ? AND subject_id IS NULL", [
      passId,
      uploadId,
    ]);
    if (r.affected !== 1) throw AppError.conflict(ErrorCode.Conflict, '保险单已被使用，请重新上传');
  }
}
