import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import type { Role } from '@linli/shared';
import { AppConfig } from '../config/app-config';

/** What every request needs to know about its caller: may they still act, and what may they see. */
export interface AccessEntry {
  userId: number;
  companyId: number;
  kind: 'resident' | 'staff';
  active: boolean;
  tokenVersion: number;
  roles: Role[];
  /** the communities the staff member works in */
  staffCommunityIds: number[];
  /** all of the company's communities (admins see them all; residents browse them to bind a room) */
  companyCommunityIds: number[];
  /** rooms with an approved binding, and the communities those rooms are in */
  roomIds: number[];
  roomCommunityIds: number[];
  /** staff on an initial password: only the routes marked @AllowInitialPassword answer */
  mustChangePassword: boolean;
}

type Row = { t: string; a: unknown; b: unknown; k: string | null; r: string | null; m: unknown };

// one statement for all of it: the user row, their approved rooms, their staff communities, the company's communities
const LOAD_SQL = [
  'SELECT ? AS t, active AS a, token_version AS b, kind AS k, roles AS r, must_change_password AS m FROM users WHERE id = ? AND company_id = ?',
  "SELECT 'b', room_id, community_id, NULL, NULL, NULL FROM room_bindings WHERE user_id = ? AND company_id = ? AND status = 'approved'",
  "SELECT 's', sc.community_id, NULL, NULL, NULL, NULL FROM staff_communities sc JOIN communities c ON c.id = sc.community_id WHERE sc.user_id = ? AND c.company_id = ?",
  "SELECT 'c', id, NULL, NULL, NULL, NULL FROM communities WHERE company_id = ?",
].join(' UNION ALL ');

const MAX_ENTRIES = 20_000;

/**
 * A per-instance cache of AccessEntry by user, held for at most AUTH_CACHE_TTL_MS (≤ 5 s): most requests cost no
 * query for the token check and the scope. Writes in this instance that change an entry invalidate it at once;
 * other instances see the change when their entry expires, so no grant outlives a change by more than the TTL.
 */
@Injectable()
export class AccessCache {
  private readonly entries = new Map<number, { at: number; entry: AccessEntry | null }>();
  /** bumped by every invalidation: a load that started before one may have read the old rows, so it is not kept */
  private generation = 0;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cfg: AppConfig,
  ) {}

  /** The caller's entry (null: no such user in that company). */
  async get(userId: number, companyId: number): Promise<AccessEntry | null> {
    const hit = this.entries.get(userId);
    if (hit && performance.now() - hit.at < this.cfg.AUTH_CACHE_TTL_MS && (hit.entry?.companyId ?? companyId) === companyId) return hit.entry;
    const [at, generation] = [performance.now(), this.generation];
    const entry = await this.load(userId, companyId);
    if (generation === this.generation && this.cfg.AUTH_CACHE_TTL_MS > 0) {
      if (this.entries.size >= MAX_ENTRIES) this.sweep();
      this.entries.set(userId, { at, entry });
    }
    return entry;
  }

  /** After a committed write that changes what this user may do or see. */
  invalidate(userId: number) {
    this.generation++;
    this.entries.delete(userId);
  }

  /** After a committed write that changes the company's communities (admins and residents see all of them). */
  invalidateCompany(companyId: number) {
    this.generation++;
    for (const [id, e] of this.entries) if (!e.entry || e.entry.companyId === companyId) this.entries.delete(id);
  }

  private sweep() {
    const now = performance.now();
    for (const [id, e] of this.entries) if (now - e.at >= this.cfg.AUTH_CACHE_TTL_MS) this.entries.delete(id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }

  private async load(userId: number, companyId: number): Promise<AccessEntry | null> {
    const rows: Row[] = await this.ds.query(LOAD_SQL, ['u', userId, companyId, userId, companyId, userId, companyId, companyId]);
    const user = rows.find((r) => r.t === 'u');
    if (!user) return null;
    const ids = (t: string, col: 'a' | 'b' = 'a') => [...new Set(rows.filter((r) => r.t === t).map((r) => Number(r[col])))].sort((x, y) => x - y);
    return {
      userId,
      companyId,
      kind: user.k as AccessEntry['kind'],
      active: Number(user.a) === 1 || user.a === true,
      tokenVersion: Number(user.b),
      roles: (user.r ?? '').split(',').filter(Boolean) as Role[],
      staffCommunityIds: ids('s'),
      companyCommunityIds: ids('c'),
      roomIds: ids('b'),
      roomCommunityIds: ids('b', 'b'),
      mustChangePassword: Number(user.m) === 1 || user.m === true,
    };
  }
}
