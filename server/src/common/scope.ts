import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Role } from '@linli/shared';
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

  /** 404, not 403: outside the scope a record does not exist for the caller. */
  assertCommunity(row: { companyId: number; communityId: number } | null | undefined, what?: string) {
    if (!row || row.companyId !== this.companyId || !this.canSeeCommunity(row.communityId)) throw AppError.notFound(what);
  }
}

@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async resolve(caller: Caller): Promise<Scope> {
    if (caller.kind === 'resident') {
      const rows: { room_id: number; community_id: number }[] = await this.ds.query(
        'SELECT room_id, community_id FROM room_bindings WHERE user_id = ? AND company_id = ? AND status = ?',
        [caller.userId, caller.companyId, 'approved'],
      );
      // Residents may browse their company's communities (to bind a room); everything else is by room.
      const communities: { id: number }[] = await this.ds.query('SELECT id FROM communities WHERE company_id = ?', [caller.companyId]);
      return new Scope(
        caller,
        communities.map((c) => Number(c.id)),
        rows.map((r) => Number(r.room_id)),
      );
    }
    const rows: { id: number }[] = caller.roles.includes('admin')
      ? await this.ds.query('SELECT id FROM communities WHERE company_id = ?', [caller.companyId])
      : await this.ds.query('SELECT c.id FROM staff_communities sc JOIN communities c ON c.id = sc.community_id WHERE sc.user_id = ? AND c.company_id = ?', [
          caller.userId,
          caller.companyId,
        ]);
    return new Scope(
      caller,
      rows.map((r) => Number(r.id)),
      [],
    );
  }
}
