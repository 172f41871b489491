import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One built open data file (docs/adr/0037-open-data.md): the scheduled job
 * writes every file of a version at once; every API instance serves from here,
 * so all of them answer the same bytes with the same ETag.
 */
@Entity('open_data_files')
export class OpenDataFileEntity {
  /** The path under /open-data/, e.g. `v1/complaints-by-month.csv`. */
  @PrimaryColumn({ type: 'varchar', length: 120 })
  path: string;

  @Column({ type: 'varchar', length: 80 })
  contentType: string;

  /** The file, UTF-8. */
  @Column({ type: 'text' })
  content: string;

  /** Bytes of the UTF-8 content. */
  @Column({ type: 'int' })
  bytes: number;

  /** A strong ETag (quoted) from the content's SHA-256: equal content, equal ETag, whichever build made it. */
  @Column({ type: 'varchar', length: 80 })
  etag: string;

  /** When the content last changed (whole seconds, as Last-Modified carries it): a build that makes the same bytes leaves it. */
  @Column({ type: 'timestamptz' })
  lastModified: Date;

  /** When a build last wrote or confirmed it. */
  @Column({ type: 'timestamptz' })
  builtAt: Date;
}
