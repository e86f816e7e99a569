import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ErrorCode, Role } from '@linli/shared';
import { AccessCache } from './access-cache';
import { AppError } from './app-error';
import { Caller } from './caller';

/**
 * What a caller may see: staff — their company's communities they work in (admins: all of the company's);
 * residents — the rooms they hold an approved binding for. Every query over scoped data goes through here.
 */
export class Scope {
  constructor(
    readonly caller: Caller,
    readonly communityIds: number[],
    readonly roomIds: number[],
    /** the communities of `roomIds` */
    readonly roomCommunityIds: number[] = [],
  ) {}

  get isResident() {
    return this.caller.kind === 'resident';
  }
  get companyId() {
    return this.caller.companyId;
  }
  has(role: Role) {
    return this.caller.roles.includes(role);
  }

  /** Restricts rows of `alias` (which has company_id, community_id and, for residents, room_id) to the scope. */
  apply<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, roomColumn = 'roomId'): SelectQueryBuilder<T> {
    qb.andWhere(`${alias}.companyId = :scopeCompanyId`, { scopeCompanyId: this.companyId });
    if (this.isResident) {
      if (!this.roomIds.length) return qb.andWhere('1 = 0');
      return qb.andWhere(`${alias}.${roomColumn} IN (:...scopeRoomIds)`, { scopeRoomIds: this.roomIds });
    }
    if (!this.communityIds.length) return qb.andWhere('1 = 0');
    return qb.andWhere(`${alias}.communityId IN (:...scopeCommunityIds)`, { scopeCommunityIds: this.communityIds });
  }

  canSeeCommunity(communityId: number) {
    return this.communityIds.includes(communityId);
  }

  /**
   * A resident files (repairs, complaints) only where they hold an approved room: in `communityId`, or (undefined)
   * anywhere at all. Staff are checked by community elsewhere.
   */
  assertMayFileIn(communityId: number | undefined, what = '报修') {
    if (!this.isResident) return;
    // another company's community does not exist for the caller
    if (communityId !== undefined && !this.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    if (!this.roomIds.length) throw new AppError(403, ErrorCode.BindRoomFirst, `请先绑定房屋后再${what}`);
    if (communityId !== undefined && !this.roomCommunityIds.includes(communityId))
      throw new AppError(403, ErrorCode.BindRoomFirst, `您在该小区没有已绑定的房屋，请先绑定该小区的房屋后再${what}`);
  }

  /** 404, not 403: outside the scope a record does not exist for the caller. */
  assertCommunity(row: { companyId: number; communityId: number } | null | undefined, what?: string) {
    if (!row || row.companyId !== this.companyId || !this.canSeeCommunity(row.communityId)) throw AppError.notFound(what);
  }
}

/** The caller's scope, from the access cache: resolving again within a request (or within its TTL) costs no query. */
@Injectable()
export class ScopeService {
  constructor(private readonly cache: AccessCache) {}

  async resolve(caller: Caller): Promise<Scope> {
    const e = await this.cache.get(caller.userId, caller.companyId);
    if (!e) return new Scope(caller, [], [], []);
    // residents may browse their company's communities (to bind a room); everything else is by room
    const all = caller.kind === 'resident' || caller.roles.includes('admin');
    return new Scope(caller, all ? e.companyCommunityIds : e.staffCommunityIds, caller.kind === 'resident' ? e.roomIds : [], e.roomCommunityIds);
  }
}
