import { ComplaintStatisticsDimension } from '../../statistics/statistics.types';
import { regionName } from './names';
import { monthlyGroups } from './published-counts';

export const complaintsByProvinceMonth = monthlyGroups({
  name: 'complaints-by-province-month',
  title: 'Complaints per province per month',
  description: 'Complaints received each month by the province they are about; provinces without complaints that month have no row.',
  apiEquivalent: 'publicComplaintStatistics(filter: { month }, groupBy: [REGION], regionLevel: PROVINCE) { groups { … } }, one query per month',
  dimension: ComplaintStatisticsDimension.REGION,
  keyColumns: [
    { name: 'province_code', type: 'string', description: 'The province’s Kemendagri code, e.g. 32.' },
    { name: 'province_name', type: 'string', description: 'The province’s name.' },
  ],
  key: async (group, source) => ({ province_code: group.cell.regionCode, province_name: await regionName(source, group.cell.regionCode) }),
});
