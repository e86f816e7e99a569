import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

@Entity('idempotency_keys')
@Index('uq_idempotency_keys_user_key', ['userId', 'key'], { unique: true })
export class IdempotencyKey {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 100 }) key: string;
  /** "POST /api/bindings" + body hash: the same key with another request is refused */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash: string;
  @Column({ name: 'status_code', type: 'int', nullable: true }) statusCode: number | null;
  @Column({ type: 'text', nullable: true }) response: string | null;
  /** what the request created ("repair" + ticket id), written in the same transaction */
  @Column({ name: 'resource_kind', type: 'varchar', length: 20, nullable: true }) resourceKind: string | null;
  @Column({ name: 'resource_id', type: 'int', nullable: true }) resourceId: number | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
}
