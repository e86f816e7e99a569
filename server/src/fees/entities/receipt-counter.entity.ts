import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The last receipt number given out per company and Shanghai day (YYYYMMDD). */
@Entity('receipt_counters')
@Index('uq_receipt_counters', ['companyId', 'day'], { unique: true })
export class ReceiptCounter {
  @PrimaryColumn({ name: 'company_id', type: 'int' }) companyId: number;
  @PrimaryColumn({ type: 'varchar', length: 8 }) day: string;
  @Column({ name: 'last_no', type: 'int' }) lastNo: number;
}
