import { ComplaintStatisticsDimension } from '../../statistics/statistics.types';
import { programName } from './names';
import { monthlyGroups } from './published-counts';

export const complaintsByProgrammeMonth = monthlyGroups({
  name: 'complaints-by-programme-month',
  title: 'Complaints per programme per month, Indonesia',
  description: 'Complaints received each month by the programme they are about (PKH, BPNT, BST …); programmes without complaints that month have no row.',
  apiEquivalent: 'publicComplaintStatistics(filter: { month }, groupBy: [PROGRAM]) { groups { … } }, one query per month',
  dimension: ComplaintStatisticsDimension.PROGRAM,
  keyColumns: [
    { name: 'programme_code', type: 'string', description: 'The programme’s code, e.g. PKH.' },
    { name: 'programme_name', type: 'string', description: 'The programme’s name.' },
  ],
  key: async (group, source) => ({ programme_code: group.cell.programCode, programme_name: await programName(source, group.cell.programCode) }),
});
