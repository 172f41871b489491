import { RegionLevel } from '../../common/enums';
import {
  ComplaintStatisticsDimension, PublicComplaintStatistics, PublicComplaintStatisticsFilter, PublicComplaintStatisticsGroup, SuppressibleCount,
} from '../../statistics/statistics.types';
import { publicComplaintStatistics } from '../../statistics/complaint-statistics';
import { MIN_PUBLISHED_COUNT } from '../../statistics/suppression';
import type { Cell, DatasetSource, OpenDataColumn, OpenDataset, Row } from '../dataset';

/**
 * The rows of the complaint datasets are answers of publicComplaintStatistics
 * itself — the API's function, called as the public: its suppression, its
 * rounding, its thresholds (docs/adr/0009-statistics.md). Nothing here counts
 * or hides a cell; a file can show no cell the API would not.
 */
export function published(source: DatasetSource, filter: PublicComplaintStatisticsFilter, groupBy: ComplaintStatisticsDimension[] = [], regionLevel = RegionLevel.PROVINCE)
  : Promise<PublicComplaintStatistics> {
  return publicComplaintStatistics(source.ctx, filter, groupBy, regionLevel);
}

/** The number, or the API's own display of a suppressed one (`<5`). */
export const countCell = (count: SuppressibleCount): Cell => (count.suppressed ? count.display : count.value);

export const MONTH_COLUMN: OpenDataColumn = { name: 'month', type: 'string', description: 'The month the complaints were received, YYYY-MM, in Western Indonesia Time (WIB, UTC+7). The latest month is still running.' };

export const MEASURE_COLUMNS: readonly OpenDataColumn[] = [
  {
    name: 'complaints', type: 'integer', unit: 'complaints', suppressible: true,
    description: `Complaints received. 1 to ${MIN_PUBLISHED_COUNT - 1} is shown as <${MIN_PUBLISHED_COUNT}; so is the next smallest count of the same month `
      + `(of the same province and month, in the district file) when one hidden count could otherwise be worked out from the total.`,
  },
  {
    name: 'sla_compliance_rate', type: 'number', unit: 'ratio 0–1', nullable: true,
    description: `Of these complaints, the share finished within their due time, among those finished or past their due time as of the file's build `
      + `(2 decimals). Empty when fewer than ${MIN_PUBLISHED_COUNT} are finished or past their due time, or the count is hidden.`,
  },
  {
    name: 'median_hours_to_resolve', type: 'number', unit: 'hours', nullable: true,
    description: `The median time from receipt to resolution of those resolved (1 decimal). Empty when fewer than ${MIN_PUBLISHED_COUNT} are resolved, or the count is hidden.`,
  },
];

/** The three measures of an answer's group (or its total). */
export function measures(count: SuppressibleCount, rate: number | null, median: number | null): Row {
  return { complaints: countCell(count), sla_compliance_rate: rate, median_hours_to_resolve: median };
}

/**
 * A dataset of one API answer per month — `publicComplaintStatistics(filter: { month }, groupBy: [dimension])`
 * — a row per group; `key` turns a group into its identifying columns.
 */
export function monthlyGroups(spec: Omit<OpenDataset, 'rows' | 'primaryKey' | 'columns'> & {
  dimension: ComplaintStatisticsDimension;
  keyColumns: readonly OpenDataColumn[];
  key(group: PublicComplaintStatisticsGroup, source: DatasetSource): Promise<Row>;
}): OpenDataset {
  const { dimension, keyColumns, key, ...rest } = spec;
  return {
    ...rest,
    columns: [MONTH_COLUMN, ...keyColumns, ...MEASURE_COLUMNS],
    primaryKey: [MONTH_COLUMN.name, keyColumns[0].name],
    async rows(source) {
      const rows: Row[] = [];
      for (const month of source.months) {
        const answer = await published(source, { month }, [dimension]);
        for (const group of answer.groups) {
          rows.push({ month, ...(await key(group, source)), ...measures(group.count, group.slaComplianceRate, group.medianHoursToResolve) });
        }
      }
      return sortRows(rows, [MONTH_COLUMN.name, keyColumns[0].name]);
    },
  };
}

/** Rows in a fixed order (by these columns, as text), so that equal data gives equal bytes and an equal ETag. */
export function sortRows(rows: Row[], by: readonly string[]): Row[] {
  return rows.sort((a, b) => {
    for (const column of by) {
      const order = String(a[column] ?? '').localeCompare(String(b[column] ?? ''), 'en');
      if (order) return order;
    }
    return 0;
  });
}
