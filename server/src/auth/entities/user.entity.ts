import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

/** Residents and staff alike; `kind` tells which app they use. */
@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
@Index('ix_users_company_phone', ['companyId', 'phone'])
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ type: 'varchar', length: 16 }) kind: 'resident' | 'staff';
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) username: string | null;
  @Column({ name: 'password_hash', type: 'varchar', length: 100, nullable: true }) passwordHash: string | null;
  @Column({ type: 'simple-array' }) roles: Role[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'current_room_id', type: 'int', nullable: true }) currentRoomId: number | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  /** access tokens carry it (`tv`); bumped on logout and deactivation, which ends every access token issued before */
  @Column({ name: 'token_version', type: 'int', default: 0 }) tokenVersion: number;
  /** consecutive failed password logins; at LOGIN_LOCKOUT_FAILURES the account is locked until locked_until */
  @Column({ name: 'failed_logins', type: 'int', default: 0 }) failedLogins: number;
  @DateTimeColumn({ name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  /** an initial password set or reset by an admin: the staff API is closed (but GET /api/me and the change) until changed */
  @Column({ name: 'must_change_password', type: 'boolean', default: false }) mustChangePassword: boolean;
  /** bumped by admins' edits of the account (409 on a stale edit) */
  @Column({ type: 'int', default: 1 }) version: number;
}
