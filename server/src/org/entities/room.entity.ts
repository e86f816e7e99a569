import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

@Entity('rooms')
@Index('uq_rooms_unit_name', ['unitId', 'name'], { unique: true })
@Index('ix_rooms_community_label', ['communityId', 'label'])
@Index('ix_rooms_owner_phone', ['companyId', 'ownerPhone'])
export class Room {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'building_id', type: 'int' }) buildingId: number;
  @Column({ name: 'unit_id', type: 'int' }) unitId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  /** "3栋2单元1201", kept with the row so lists and hotline lookups need no joins */
  @Column({ type: 'varchar', length: 160 }) label: string;
  @Column({ type: 'int', nullable: true }) floor: number | null;
  /** floor area in m² × 100 */
  @Column({ name: 'area_centi', type: 'int', nullable: true }) areaCenti: number | null;
  @Column({ name: 'owner_name', type: 'varchar', length: 50, nullable: true }) ownerName: string | null;
  @Column({ name: 'owner_phone', type: 'varchar', length: 20, nullable: true }) ownerPhone: string | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @VersionColumn() version: number;
}
