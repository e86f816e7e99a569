import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last number handed out per community, prefix and Shanghai day (BX-20261123-0042). */
@Entity('ticket_counters')
export class TicketCounter {
  @PrimaryColumn({ name: 'community_id', type: 'int' }) communityId: number;
  @PrimaryColumn({ type: 'varchar', length: 8 }) prefix: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) day: string;
  @Column({ type: 'int' }) seq: number;
}
