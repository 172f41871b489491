/**
 * Every migration, oldest first. The generator (npm run migration:generate)
 * appends new ones here; a test fails when a file in this folder is missing.
 */
import { CounterShards1796632000000 } from './1796632000000-CounterShards';
import { OfficeRecords1796629000000 } from './1796629000000-OfficeRecords';
import { Officers1796626000000 } from './1796626000000-Officers';
import { Notifications1796622000000 } from './1796622000000-Notifications';
import { ComplainantPins1796623000000 } from './1796623000000-ComplainantPins';
import { RegisterImport1796621000000 } from './1796621000000-RegisterImport';
import { OfficesAndClientBudgets1796620000000 } from './1796620000000-OfficesAndClientBudgets';
import { DaysOff1796619406322 } from './1796619406322-DaysOff';
import { SetupRuns1796619354230 } from './1796619354230-SetupRuns';
import { EvidenceStoreStrays1796608016904 } from './1796608016904-EvidenceStoreStrays';
import { Webhooks1796000507886 } from './1796000507886-Webhooks';
import { Evidence1795999536996 } from './1795999536996-Evidence';
import { RecipientRegister1795385785922 } from './1795385785922-RecipientRegister';
import { DisbursementReports1795384641261 } from './1795384641261-DisbursementReports';
import { ResolutionRating1795383680533 } from './1795383680533-ResolutionRating';
import { Identity1795382544503 } from './1795382544503-Identity';
import { InitialSchema1795380579942 } from './1795380579942-InitialSchema';
import { ComplaintSearch1795383765129 } from './1795383765129-ComplaintSearch';
import { CaseConferenceActionPosition1795386163400 } from './1795386163400-CaseConferenceActionPosition';
import { VillageBypass1796624000000 } from './1796624000000-VillageBypass';
import { ReplyPinReset1796625000000 } from './1796625000000-ReplyPinReset';
import { WorkspaceApi1796627000000 } from './1796627000000-WorkspaceApi';
import { OpenData1796630000000 } from './1796630000000-OpenData';
import { VillageDeliberationsInTheOpen1796631000000 } from './1796631000000-VillageDeliberationsInTheOpen';
export const MIGRATIONS: Function[] = [
  InitialSchema1795380579942,
  Identity1795382544503,
  ResolutionRating1795383680533,
  ComplaintSearch1795383765129,
  DisbursementReports1795384641261,
  RecipientRegister1795385785922,
  CaseConferenceActionPosition1795386163400,
  Evidence1795999536996,
  Webhooks1796000507886,
  EvidenceStoreStrays1796608016904,
  SetupRuns1796619354230,
  DaysOff1796619406322,
  OfficesAndClientBudgets1796620000000,
  RegisterImport1796621000000,
  Notifications1796622000000,
  ComplainantPins1796623000000,
  VillageBypass1796624000000,
  ReplyPinReset1796625000000,
  Officers1796626000000,
  WorkspaceApi1796627000000,
  OfficeRecords1796629000000,
  OpenData1796630000000,
  VillageDeliberationsInTheOpen1796631000000,
  CounterShards1796632000000,
];
