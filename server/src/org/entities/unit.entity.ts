import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

@Entity('units')
@Index('uq_units_building_name', ['buildingId', 'name'], { unique: true })
export class Unit {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'building_id', type: 'int' }) buildingId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @VersionColumn() version: number;
}
