import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of `npm run setup` (or of the demo seed, which loads the same
 * reference data): which build ran it, which release of the region data it
 * loaded, and what it changed. A production server refuses to start on a
 * database without one (docs/adr/0021-setup.md).
 */
@Entity('setup_runs')
export class SetupRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SETUP (`npm run setup`) or DEMO (the demo seed). */
  @Column({ type: 'varchar', length: 10 })
  kind: string;

  /** Aduan's version (package.json) that ran it. */
  @Column({ type: 'varchar', length: 40 })
  version: string;

  /** The region data loaded, e.g. `idn-area-data 4.0.1`. */
  @Column({ type: 'varchar', length: 80 })
  regionRelease: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  finishedAt: Date;

  /** Rows inserted, updated and retired, by table: what the run changed. */
  @Column({ type: 'jsonb' })
  changes: Record<string, unknown>;
}
