import { ComplaintStatisticsDimension } from '../../statistics/statistics.types';
import { channelName } from './names';
import { monthlyGroups } from './published-counts';

export const complaintsByChannelMonth = monthlyGroups({
  name: 'complaints-by-channel-month',
  title: 'Complaints per channel per month, Indonesia',
  description: 'Complaints received each month by the channel they came through (web portal, WhatsApp, call centre, SLRT …); channels without complaints that month have no row.',
  apiEquivalent: 'publicComplaintStatistics(filter: { month }, groupBy: [CHANNEL]) { groups { … } }, one query per month',
  dimension: ComplaintStatisticsDimension.CHANNEL,
  keyColumns: [
    { name: 'channel_code', type: 'string', description: 'The channel’s code, e.g. WHATSAPP.' },
    { name: 'channel_name', type: 'string', description: 'The channel’s name.' },
  ],
  key: async (group, source) => ({ channel_code: group.cell.channelCode, channel_name: await channelName(source, group.cell.channelCode) }),
});
