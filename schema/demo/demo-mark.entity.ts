import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { Indicator } from '../indicators/indicator.entity';

/**
 * Marks what the demo data set (`npm run seed -- --demo`, server/demo/demo.ts) wrote: a ledger
 * entry, or the base value it gave an indicator that had none (kept here, so `--remove` clears it
 * only while it is still the demo's). The hub says "demo data" while any mark exists: one
 * statement on this small table. A mark goes with its row (cascade), so an entry deleted by hand
 * stops counting. Not part of the GraphQL schema.
 */
@Entity({ tableName: 'demo_mark' })
@Unique({ properties: ['ledgerEntry'] })
@Unique({ properties: ['indicator'] })
export class DemoMark {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => LedgerEntry, { nullable: true, deleteRule: 'cascade' })
  ledgerEntry?: Rel<LedgerEntry> | null;

  @ManyToOne(() => Indicator, { nullable: true, deleteRule: 'cascade' })
  indicator?: Rel<Indicator> | null;

  /** The base value the demo gave the indicator. */
  @Property({ type: 'double', nullable: true })
  baseValue?: number | null;

  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}
