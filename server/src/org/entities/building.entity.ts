import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

@Entity('buildings')
@Index('uq_buildings_community_name', ['communityId', 'name'], { unique: true })
export class Building {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @VersionColumn() version: number;
}
