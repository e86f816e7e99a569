import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { VisitMode } from '@linli/shared';
import { DateTimeColumn } from '../../../database/columns';

/** 客户访谈: a visit by phone, at the door or at random (no room: met in the street). */
@Entity('customer_visits')
@Index('ix_customer_visits_community', ['communityId', 'visitedAt'])
@Index('ix_customer_visits_room', ['roomId', 'visitedAt'])
export class CustomerVisit {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int', nullable: true }) roomId: number | null;
  @Column({ name: 'household_name', type: 'varchar', length: 50, nullable: true }) householdName: string | null;
  @Column({ type: 'varchar', length: 8 }) mode: VisitMode;
  @Column({ type: 'boolean' }) deep: boolean;
  @DateTimeColumn({ name: 'visited_at' }) visitedAt: Date;
  @Column({ name: 'visitor_id', type: 'int' }) visitorId: number;
  @Column({ type: 'varchar', length: 1000, nullable: true }) notes: string | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @VersionColumn() version: number;
}
