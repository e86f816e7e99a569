import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The published price list of paid services (有偿服务), per company. */
@Entity('price_items')
@Index('ix_price_items_company', ['companyId', 'active'])
export class PriceItem {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 20 }) unit: string;
  @Column({ name: 'price_cents', type: 'int' }) priceCents: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', default: 1 }) version: number;
}
