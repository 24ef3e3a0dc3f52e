import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The catalog as the order API sees it: prices are authoritative here; `available` is a
 * projection of the inventory service's stock events and may lag a reservation by seconds.
 */
@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryColumn('text')
  sku: string;

  @Column('text')
  name: string;

  @Column('integer', { name: 'price_cents' })
  priceCents: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('integer')
  available: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
