import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A priced line on a completed repair, copied from the price list at completion (the list may change later). */
@Entity('ticket_charges')
@Index('ix_ticket_charges_ticket', ['ticketId'])
@Index('ix_ticket_charges_unbilled', ['billedAt', 'ticketId'])
export class TicketCharge {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'ticket_id', type: 'int' }) ticketId: number;
  @Column({ name: 'room_id', type: 'int', nullable: true }) roomId: number | null;
  @Column({ name: 'price_item_id', type: 'int' }) priceItemId: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 20 }) unit: string;
  @Column({ name: 'unit_price_cents', type: 'int' }) unitPriceCents: number;
  @Column({ type: 'int' }) quantity: number;
  @Column({ name: 'amount_cents', type: 'int' }) amountCents: number;
  /** set when fees bill it to the room */
  @Column({ name: 'billed_at', type: 'datetime', precision: 3, nullable: true }) billedAt: Date | null;
}
