import { RegionLevel } from '../../common/enums';
import { ComplaintStatisticsDimension } from '../../statistics/statistics.types';
import type { OpenDataset, Row } from '../dataset';
import { regionName } from './names';
import { MEASURE_COLUMNS, measures, MONTH_COLUMN, published, sortRows } from './published-counts';

/**
 * Districts/cities, one API answer per province and month: a district's hidden
 * count is then protected against its own province's total (the answer's
 * total), which is what a reader would subtract from.
 */
export const complaintsByDistrictMonth: OpenDataset = {
  name: 'complaints-by-district-month',
  title: 'Complaints per district/city per month',
  description: 'Complaints received each month by the district or city (kabupaten/kota) they are about; districts without complaints that month have no row. '
    + 'Small counts are hidden within each province and month.',
  apiEquivalent: 'publicComplaintStatistics(filter: { month, regionCode: province_code }, groupBy: [REGION], regionLevel: DISTRICT) { groups { … } }, '
    + 'one query per province and month',
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
      const provinces = (await published(source, { month }, [ComplaintStatisticsDimension.REGION], RegionLevel.PROVINCE)).groups.map((g) => g.cell.regionCode!);
      for (const province of provinces) {
        const answer = await published(source, { month, regionCode: province }, [ComplaintStatisticsDimension.REGION], RegionLevel.DISTRICT);
        for (const group of answer.groups) {
          rows.push({
            month, province_code: province, district_code: group.cell.regionCode, district_name: await regionName(source, group.cell.regionCode),
            ...measures(group.count, group.slaComplianceRate, group.medianHoursToResolve),
          });
        }
      }
    }
    return sortRows(rows, ['month', 'district_code']);
  },
};
