import type { OpenDataset } from '../dataset';
import { complaintsByCategoryMonth } from './complaints-by-category-month';
import { complaintsByChannelMonth } from './complaints-by-channel-month';
import { complaintsByDistrictMonth } from './complaints-by-district-month';
import { complaintsByMonth } from './complaints-by-month';
import { complaintsByProgrammeMonth } from './complaints-by-programme-month';
import { complaintsByProvinceMonth } from './complaints-by-province-month';
import { officeRecordsMonth } from './office-records-month';

/** Every dataset of v1, in the index's order. A new one: its module, and one line here. */
export const DATASETS: readonly OpenDataset[] = [
  complaintsByMonth,
  complaintsByProvinceMonth,
  complaintsByDistrictMonth,
  complaintsByProgrammeMonth,
  complaintsByCategoryMonth,
  complaintsByChannelMonth,
  officeRecordsMonth,
];
