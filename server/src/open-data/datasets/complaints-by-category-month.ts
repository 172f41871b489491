import { ComplaintStatisticsDimension } from '../../statistics/statistics.types';
import { monthlyGroups } from './published-counts';

export const complaintsByCategoryMonth = monthlyGroups({
  name: 'complaints-by-category-month',
  title: 'Complaints per category per month, Indonesia',
  description: 'Complaints received each month by category (the ComplaintCategory values of the API’s schema); categories without complaints that month have no row.',
  apiEquivalent: 'publicComplaintStatistics(filter: { month }, groupBy: [CATEGORY]) { groups { … } }, one query per month',
  dimension: ComplaintStatisticsDimension.CATEGORY,
  keyColumns: [{ name: 'category', type: 'string', description: 'The category, e.g. NOT_RECEIVED, WRONG_TARGET (the API’s ComplaintCategory).' }],
  key: async (group) => ({ category: group.cell.category }),
});
