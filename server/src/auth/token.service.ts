import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, TokenPair } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AccessCache } from '../common/access-cache';
import { AccessTokenPayload } from '../common/access.guard';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Short-lived JWT access tokens and opaque rotating refresh tokens (stored hashed). Presenting a refresh
 * token that was already used revokes its whole family: someone else holds a copy.
 */
@Injectable()
export class TokenService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly access: AccessCache,
  ) {}

  async issue(user: User, familyId: string = randomUUID(), em: EntityManager = this.ds.manager): Promise<TokenPair> {
    const payload: AccessTokenPayload = { sub: user.id, kind: user.kind, cid: user.companyId, roles: user.roles, tv: user.tokenVersion ?? 0 };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.cfg.ACCESS_TOKEN_TTL_SECONDS });
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await em.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(now.getTime() + this.cfg.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    return { accessToken, expiresIn: this.cfg.ACCESS_TOKEN_TTL_SECONDS, refreshToken };
  }

  async rotate(refreshToken: string): Promise<{ user: User; tokens: TokenPair }> {
    const invalid = () => new AppError(401, ErrorCode.RefreshTokenInvalid);
    const now = this.clock.now();
    const row = await this.ds.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
    if (!row || row.revokedAt || row.expiresAt <= now) throw invalid();
    const rotated = await this.ds.transaction(async (em) => {
      // consume with a compare-and-set so two concurrent refreshes cannot both succeed
      const res = await em.createQueryBuilder().update(RefreshToken).set({ usedAt: now }).where('id = :id AND used_at IS NULL', { id: row.id }).execute();
      if (!res.affected) return null;
      const user = await em.findOneBy(User, { id: row.userId });
      if (!user || !user.active) throw invalid();
      return { user, tokens: await this.issue(user, row.familyId, em) };
    });
    if (!rotated) {
      // Already used: someone else holds a copy. Revoked after the transaction has ended, so the revocation
      // sticks although the request fails (and does not wait on the row lock that transaction held).
      await this.revokeFamily(row.familyId);
      throw invalid();
    }
    return rotated;
  }

  /** Logout: the session's refresh family is revoked and every access token issued so far stops working. */
  async revoke(refreshToken: string) {
    const row = await this.ds.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
    if (!row) return;
    await this.revokeFamily(row.familyId);
    await this.bumpVersion(this.ds.manager, row.userId);
    this.access.invalidate(row.userId);
  }

  /** Ends every access token of the user issued before (they carry the old version); call invalidate after commit. */
  bumpVersion(em: EntityManager, userId: number) {
    return em
      .createQueryBuilder()
      .update(User)
      .set({ tokenVersion: () => 'token_version + 1' })
      .where('id = :userId', { userId })
      .execute();
  }

  private revokeFamily(familyId: string) {
    return this.ds
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: this.clock.now() })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }
}
