import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** Stored as a SHA-256 hash. Each refresh consumes the token and issues the next of the same family. */
@Entity('refresh_tokens')
@Index('uq_refresh_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_refresh_tokens_family', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ name: 'family_id', type: 'varchar', length: 36 }) familyId: string;
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash: string;
  @DateTimeColumn({ name: 'expires_at' }) expiresAt: Date;
  @DateTimeColumn({ name: 'used_at', nullable: true }) usedAt: Date | null;
  @DateTimeColumn({ name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
}
