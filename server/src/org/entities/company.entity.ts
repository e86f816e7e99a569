import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

@Entity('companies')
export class Company {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** WeChat AppIDs of this company's two mini-programs: a login through an app lands in its company. */
  @Column({ name: 'resident_appid', type: 'varchar', length: 64, nullable: true }) residentAppid: string | null;
  @Column({ name: 'staff_appid', type: 'varchar', length: 64, nullable: true }) staffAppid: string | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
}
