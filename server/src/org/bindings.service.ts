import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  BindingConsentView,
  bindingApprovalBlock,
  BindingStaffView,
  BindingStatus,
  BindingView,
  ErrorCode,
  maskPhone,
  OWNER_DECLINED_REASON,
  Page,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { AccessCache } from '../common/access-cache';
import { AuditService } from '../common/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../common/keyset';
import { Scope } from '../common/scope';
import { User } from '../auth/entities/user.entity';
import { BINDING_SUBJECT, BindingProof } from './binding-proof';
import { BindingQueryDto, CreateBindingDto } from './dto/binding.dto';
import { bindingView } from './org.views';
import { Community } from './entities/community.entity';
import { Room } from './entities/room.entity';
import { RoomBinding } from './entities/room-binding.entity';
import { createNewResidentVisit } from '../engage/visits/new-resident-task';

const OPEN: BindingStatus[] = ['pending', 'approved'];
export const DEFAULT_RESIDENT_NAME = '微信用户';

/**
 * A resident asks to be bound to a room; a supervisor decides, unless the resident's WeChat phone is the
 * owner's phone on record, which approves at once. A tenant's request needs proof: the room's owner in the app
 * is asked and their consent approves it, or the tenant attaches a lease the supervisor sees before approving.
 */
@Injectable()
export class BindingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessCache,
    private readonly proof: BindingProof,
  ) {}

  async create(caller: Caller, dto: CreateBindingDto): Promise<BindingView> {
    const lease = dto.leaseUploadIds ?? [];
    if (lease.length && dto.relation !== 'tenant') throw AppError.badRequest('只有租户绑定需要上传租赁合同');
    const id = await this.ds.transaction(async (em) => {
      const room = await em.findOneBy(Room, { id: dto.roomId, companyId: caller.companyId });
      if (!room) throw AppError.notFound('房屋');
      if (await em.existsBy(RoomBinding, { userId: caller.userId, roomId: room.id, status: In(OPEN) })) throw AppError.conflict(ErrorCode.BindingExists);
      const user = await em.findOneByOrFail(User, { id: caller.userId });
      const phoneMatch = !!user.phone && !!room.ownerPhone && user.phone === room.ownerPhone;
      const owners = !phoneMatch && dto.relation === 'tenant' ? await this.proof.ownersInApp(em, room.id, user.id) : [];
      const now = this.clock.now();
      const b = await em.save(
        em.create(RoomBinding, {
          companyId: room.companyId,
          communityId: room.communityId,
          roomId: room.id,
          userId: user.id,
          relation: dto.relation,
          status: phoneMatch ? 'approved' : 'pending',
          name: dto.name,
          verifiedBy: phoneMatch ? 'phone_match' : null,
          ownerConsent: owners.length ? 'requested' : null,
          ownerConsentBy: null,
          ownerConsentAt: null,
          rejectReason: null,
          decidedBy: null,
          decidedAt: phoneMatch ? now : null,
          createdAt: now,
        }),
      );
      // a new WeChat user is "微信用户" until they tell us their name
      if (user.name === DEFAULT_RESIDENT_NAME) await em.update(User, { id: user.id }, { name: dto.name });
      if (phoneMatch) await this.afterApproved(em, b);
      if (!phoneMatch) await this.proof.attachLease(em, caller, lease, b.id);
      if (owners.length) {
        const community = await em.findOneByOrFail(Community, { id: room.communityId });
        await this.proof.askOwners(em, b, owners, { name: dto.name, phone: user.phone }, { roomLabel: room.label, communityName: community.name }, now);
      }
      return b.id;
    });
    this.access.invalidate(caller.userId);
    return (await this.views(await this.ds.getRepository(RoomBinding).findBy({ id })))[0];
  }

  async mine(userId: number): Promise<BindingView[]> {
    return this.views(await this.ds.getRepository(RoomBinding).find({ where: { userId }, order: { id: 'DESC' } }));
  }

  async revoke(caller: Caller, id: number): Promise<BindingView> {
    await this.ds.transaction(async (em) => {
      const b = await em.findOneBy(RoomBinding, { id, userId: caller.userId });
      if (!b) throw AppError.notFound('绑定记录');
      if (!OPEN.includes(b.status)) throw AppError.conflict(ErrorCode.BindingNotPending, '该绑定已结束');
      await this.transition(em, b, { status: 'revoked', decidedAt: this.clock.now() });
      const user = await em.findOneByOrFail(User, { id: caller.userId });
      if (user.currentRoomId === b.roomId) {
        const other = await em.findOne(RoomBinding, { where: { userId: user.id, status: 'approved' }, order: { id: 'ASC' } });
        await em.update(User, { id: user.id }, { currentRoomId: other?.roomId ?? null });
      }
    });
    this.access.invalidate(caller.userId);
    return (await this.views(await this.ds.getRepository(RoomBinding).findBy({ id })))[0];
  }

  async staffList(scope: Scope, q: BindingQueryDto): Promise<Page<BindingStaffView>> {
    const limit = pageLimit(q.limit);
    const qb = this.ds.getRepository(RoomBinding).createQueryBuilder('b');
    scope.apply(qb, 'b');
    if (q.status) qb.andWhere('b.status = :status', { status: q.status });
    if (q.communityId !== undefined) qb.andWhere('b.communityId = :cid', { cid: q.communityId });
    const after = decodeCursor(q.cursor, ID_CURSOR);
    if (after) qb.andWhere('b.id < :after', { after: after[0] });
    const rows = await qb
      .orderBy('b.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const views = await this.staffViews(rows.slice(0, limit));
    const byId = new Map(views.map((v) => [v.id, v]));
    return toPage(
      rows,
      limit,
      (r) => byId.get(r.id)!,
      (r) => [r.id],
    );
  }

  async approve(scope: Scope, id: number, version: number): Promise<BindingStaffView> {
    const userId = await this.ds.transaction(async (em) => {
      const b = await this.pendingInScope(em, scope, id, version);
      const leaseCount = (await this.proof.leases(em, [b.id])).get(b.id)?.length ?? 0;
      const blocked = bindingApprovalBlock({ relation: b.relation, ownerConsent: b.ownerConsent, leaseCount });
      if (blocked) throw AppError.conflict(ErrorCode.BindingNeedsProof, blocked);
      await this.transition(em, b, { status: 'approved', verifiedBy: 'staff', decidedBy: scope.caller.userId, decidedAt: this.clock.now() });
      await this.afterApproved(em, b);
      await this.audit.record(em, scope.caller, 'binding.approve', 'room_binding', b.id);
      return b.userId;
    });
    this.access.invalidate(userId);
    return (await this.staffViews(await this.ds.getRepository(RoomBinding).findBy({ id })))[0];
  }

  async reject(scope: Scope, id: number, version: number, reason: string): Promise<BindingStaffView> {
    await this.ds.transaction(async (em) => {
      const b = await this.pendingInScope(em, scope, id, version);
      await this.transition(em, b, { status: 'rejected', rejectReason: reason, decidedBy: scope.caller.userId, decidedAt: this.clock.now() });
      await this.audit.record(em, scope.caller, 'binding.reject', 'room_binding', b.id, { reason });
    });
    return (await this.staffViews(await this.ds.getRepository(RoomBinding).findBy({ id })))[0];
  }

  /** The tenants' requests waiting for the caller's consent as the room's owner: the tenant's name and masked phone only. */
  async consents(caller: Caller): Promise<BindingConsentView[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT b.id, b.name, b.status, b.owner_consent, b.created_at, b.version, u.phone, r.label, c.name AS community_name
         FROM room_bindings b
         JOIN room_bindings o ON o.room_id = b.room_id AND o.user_id = ? AND o.relation = 'owner' AND o.status = 'approved'
         JOIN users u ON u.id = b.user_id
         JOIN rooms r ON r.id = b.room_id
         JOIN communities c ON c.id = b.community_id
        WHERE b.company_id = ? AND b.status = 'pending' AND b.owner_consent = 'requested' AND b.user_id <> ?
        ORDER BY b.id DESC LIMIT 50`,
      [caller.userId, caller.companyId, caller.userId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      roomLabel: String(r.label),
      communityName: String(r.community_name),
      tenantName: String(r.name),
      tenantPhoneMasked: maskPhone(r.phone as string | null),
      status: r.status as BindingStatus,
      consent: 'requested',
      createdAt: new Date(r.created_at instanceof Date ? r.created_at : `${String(r.created_at).replace(' ', 'T')}Z`).toISOString(),
      version: Number(r.version),
    }));
  }

  /** The owner agrees (the binding is approved) or declines (it is rejected, the reason shown to the tenant). */
  async consent(caller: Caller, id: number, version: number, agree: boolean): Promise<BindingConsentView> {
    const { b, phone, label, communityName } = await this.ds.transaction(async (em) => {
      const b = await em.findOneBy(RoomBinding, { id, companyId: caller.companyId });
      if (!b || b.userId === caller.userId || !(await this.proof.isOwner(em, caller.userId, b.roomId))) throw AppError.notFound('绑定申请');
      if (b.status !== 'pending' || b.ownerConsent !== 'requested') throw AppError.conflict(ErrorCode.BindingNotPending, undefined, { status: b.status });
      if (b.version !== version) throw AppError.versionConflict(b.version);
      const now = this.clock.now();
      const said = { ownerConsent: agree ? ('approved' as const) : ('declined' as const), ownerConsentBy: caller.userId, ownerConsentAt: now };
      const changes: Partial<RoomBinding> = agree
        ? { ...said, status: 'approved', verifiedBy: 'owner_consent', decidedBy: caller.userId, decidedAt: now }
        : { ...said, status: 'rejected', rejectReason: OWNER_DECLINED_REASON, decidedBy: caller.userId, decidedAt: now };
      await this.transition(em, b, changes);
      if (agree) await this.afterApproved(em, b);
      await this.audit.record(em, caller, agree ? 'binding.owner_consent' : 'binding.owner_decline', BINDING_SUBJECT, b.id);
      const [tenant, room, community] = await Promise.all([
        em.findOneBy(User, { id: b.userId }),
        em.findOneBy(Room, { id: b.roomId }),
        em.findOneBy(Community, { id: b.communityId }),
      ]);
      return {
        b: Object.assign(b, changes, { version: b.version + 1 }),
        phone: tenant?.phone ?? null,
        label: room?.label ?? '',
        communityName: community?.name ?? '',
      };
    });
    this.access.invalidate(b.userId);
    return {
      id: b.id,
      roomLabel: label,
      communityName,
      tenantName: b.name,
      tenantPhoneMasked: maskPhone(phone),
      status: b.status,
      consent: b.ownerConsent!,
      createdAt: b.createdAt.toISOString(),
      version: b.version,
    };
  }

  /** The resident's WeChat phone became known: pending requests for rooms whose owner has that phone are approved. */
  async approveByPhone(em: EntityManager, userId: number, phone: string): Promise<number> {
    const pending = await em
      .createQueryBuilder(RoomBinding, 'b')
      .innerJoin(Room, 'r', 'r.id = b.roomId')
      .where('b.userId = :userId AND b.status = :st AND r.ownerPhone = :phone', { userId, st: 'pending', phone })
      .getMany();
    for (const b of pending) {
      await this.transition(em, b, { status: 'approved', verifiedBy: 'phone_match', decidedAt: this.clock.now() });
      await this.afterApproved(em, b);
    }
    return pending.length;
  }

  private async pendingInScope(em: EntityManager, scope: Scope, id: number, version: number) {
    const b = await em.findOneBy(RoomBinding, { id });
    scope.assertCommunity(b, '绑定申请');
    if (b!.status !== 'pending') throw AppError.conflict(ErrorCode.BindingNotPending, undefined, { status: b!.status });
    if (b!.version !== version) throw AppError.versionConflict(b!.version);
    return b!;
  }

  /** Compare-and-set on the version column: of two concurrent decisions one wins, the other gets 409. */
  private async transition(em: EntityManager, b: RoomBinding, changes: Partial<RoomBinding>) {
    const res = await em
      .createQueryBuilder()
      .update(RoomBinding)
      .set({ ...changes, version: b.version + 1 })
      .where('id = :id AND version = :v', { id: b.id, v: b.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
  }

  private async afterApproved(em: EntityManager, b: RoomBinding) {
    const { userId, roomId } = b;
    await em.createQueryBuilder().update(User).set({ currentRoomId: roomId }).where('id = :userId AND current_room_id IS NULL', { userId }).execute();
    // [engage] the new resident's return visit, due a month from now, in the same transaction
    await createNewResidentVisit(em, b, this.clock.now());
  }

  private async views(rows: RoomBinding[]): Promise<BindingView[]> {
    return (await this.viewsWithLeases(rows)).views;
  }

  private async viewsWithLeases(rows: RoomBinding[]) {
    if (!rows.length) return { views: [] as BindingView[], leases: new Map(), rooms: new Map<number, Room>() };
    const [rooms, communities, leases] = await Promise.all([
      this.ds.getRepository(Room).findBy({ id: In([...new Set(rows.map((r) => r.roomId))]) }),
      this.ds.getRepository(Community).findBy({ id: In([...new Set(rows.map((r) => r.communityId))]) }),
      this.proof.leases(
        this.ds.manager,
        rows.filter((r) => r.relation === 'tenant').map((r) => r.id),
      ),
    ]);
    const room = new Map(rooms.map((r) => [r.id, r]));
    const community = new Map(communities.map((c) => [c.id, c]));
    const views = rows.map((b) => bindingView(b, room.get(b.roomId)?.label, community.get(b.communityId)?.name, leases.get(b.id)?.length ?? 0));
    return { views, leases, rooms: room };
  }

  private async staffViews(rows: RoomBinding[]): Promise<BindingStaffView[]> {
    if (!rows.length) return [];
    const [base, users] = await Promise.all([
      this.viewsWithLeases(rows),
      this.ds.getRepository(User).findBy({ id: In([...new Set(rows.map((r) => r.userId))]) }),
    ]);
    const user = new Map(users.map((u) => [u.id, u]));
    const now = this.clock.now();
    return base.views.map((v, i) => ({
      ...v,
      residentId: rows[i].userId,
      residentName: rows[i].name,
      residentPhoneMasked: maskPhone(user.get(rows[i].userId)?.phone),
      ownerNameOnRecord: base.rooms.get(rows[i].roomId)?.ownerName ?? null,
      leasePhotos: this.proof.leaseViews(base.leases.get(rows[i].id), now),
      approveBlockedReason: v.status === 'pending' ? bindingApprovalBlock(v) : null,
    }));
  }
}
