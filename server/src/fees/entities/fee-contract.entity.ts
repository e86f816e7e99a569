import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** A fixed item (车位租金 …) contracted for a room from a date, optionally to a date: bill runs bill the periods it covers. */
@Entity('fee_contracts')
@Index('ix_fee_contracts_room', ['roomId', 'id'])
@Index('ix_fee_contracts_item', ['feeItemId', 'active', 'roomId'])
export class FeeContract {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ name: 'fee_item_id', type: 'int' }) feeItemId: number;
  @Column({ name: 'starts_on', type: 'varchar', length: 10 }) startsOn: string;
  @Column({ name: 'ends_on', type: 'varchar', length: 10, nullable: true }) endsOn: string | null;
  /** e.g. 车位号 B-023 */
  @Column({ type: 'varchar', length: 100, nullable: true }) note: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_by', type: 'int', nullable: true }) createdBy: number | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
