import { RegionLevel } from '../../common/enums';
import { ComplaintStatisticsDimension, SuppressibleCount } from '../../statistics/statistics.types';
import type { OpenDataset, Row } from '../dataset';
import { regionName } from './names';
import { MEASURE_COLUMNS, measures, MONTH_COLUMN, published, sortRows } from './published-counts';

/**
 * Districts/cities, one API answer per province and month: a district's hidden
 * count is then protected against its own province's total (the answer's
 * total), which is what a reader would subtract from.
 *
 * One rule more than the API, because the files are read together: the
 * districts of a province whose count the province file hides are all hidden.
 * Otherwise a province hidden only to protect a neighbour (secondary
 * suppression) could be summed back from its districts, and the neighbour's
 * small count had from the nation's total (docs/adr/0037-open-data.md).
 */
/** A district of a hidden province: hidden as the province is (its marker), no rate, no median. */
const hiddenAs = (provinceCount: SuppressibleCount) => ({ count: provinceCount, slaComplianceRate: null, medianHoursToResolve: null });

export const complaintsByDistrictMonth: OpenDataset = {
  name: 'complaints-by-district-month',
  title: 'Complaints per district/city per month',
  description: 'Complaints received each month by the district or city (kabupaten/kota) they are about; districts without complaints that month have no row. '
    + 'Small counts are hidden within each province and month, and every district of a province whose count is hidden is hidden too.',
  apiEquivalent: 'publicComplaintStatistics(filter: { month, regionCode: province_code }, groupBy: [REGION], regionLevel: DISTRICT) { groups { … } }, '
    + 'one query per province and month; every row of a province hidden in complaints-by-province-month is hidden',
  columns: [
    MONTH_COLUMN,
    { name: 'province_code', type: 'string', description: 'The province’s Kemendagri code, e.g. 32.' },
    { name: 'district_code', type: 'string', description: 'The district’s or city’s Kemendagri code, e.g. 32.73.' },
    { name: 'district_name', type: 'string', description: 'The district’s or city’s name.' },
    ...MEASURE_COLUMNS,
  ],
  primaryKey: ['month', 'district_code'],
  async rows(source) {
    const rows: Row[] = [];
    for (const month of source.months) {
      // The provinces with complaints this month: any other has no district row.
      const provinces = (await published(source, { month }, [ComplaintStatisticsDimension.REGION], RegionLevel.PROVINCE)).groups;
      for (const { cell: { regionCode: province }, count: provinceCount } of provinces) {
        const answer = await published(source, { month, regionCode: province }, [ComplaintStatisticsDimension.REGION], RegionLevel.DISTRICT);
        for (const group of answer.groups) {
          const hidden = provinceCount.suppressed ? hiddenAs(provinceCount) : group;
          rows.push({
            month, province_code: province, district_code: group.cell.regionCode, district_name: await regionName(source, group.cell.regionCode),
            ...measures(hidden.count, hidden.slaComplianceRate, hidden.medianHoursToResolve),
          });
        }
      }
    }
    return sortRows(rows, ['month', 'district_code']);
  },
};
