import type { RequestContext } from '../graphql/context';

/** A value in a file: a number, a text, the suppression marker (a text), or empty (null). */
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** One column of a dataset, and its entry in the data dictionary. */
export interface OpenDataColumn {
  name: string;
  /** As Frictionless Table Schema names types. */
  type: 'string' | 'integer' | 'number';
  /** What it holds, in English (the index page and the dictionary print it). */
  description: string;
  /** What a number counts or measures (`complaints`, `hours`, `ratio 0–1`); empty for codes and names. */
  unit?: string;
  /** It may hold the suppression marker (`<5`) instead of a number. */
  suppressible?: boolean;
  /** It may be empty, and what that means (said in the description). */
  nullable?: boolean;
}

/** What a dataset's rows are computed from: the public caller's context (so nothing the API would not answer) and the months covered. */
export interface DatasetSource {
  /** A context as of the build, with the public principal. */
  ctx: RequestContext;
  /** `YYYY-MM` (WIB), oldest first: from the first complaint's month to the build's. */
  months: readonly string[];
}

/**
 * One open dataset: a CSV and a JSON file of the same rows. A new dataset is
 * one module exporting this, listed in datasets/index.ts. Under v1 its name
 * and columns never change: a new column is a new dataset or v2.
 */
export interface OpenDataset {
  /** The files' stem: `<name>.csv`, `<name>.json`. */
  name: string;
  title: string;
  description: string;
  /** The API query each row (or each month's rows) equals, for readers who want to check. */
  apiEquivalent: string;
  columns: readonly OpenDataColumn[];
  /** The columns that identify a row. */
  primaryKey: readonly string[];
  rows(source: DatasetSource): Promise<Row[]>;
}
