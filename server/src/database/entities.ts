import { OfficeMonthHistogramEntity, OfficeMonthRecordEntity, OfficeRecordFactEntity } from '../office-records/office-record.entities';
import { SetupRunEntity } from '../setup/setup-run.entity';
import { PersonalDataAccessEntity } from '../auth/personal-data-access.entity';
import { SigningKeyEntity } from '../auth/signing-key.entity';
import { CaseConferenceActionEntity } from '../case-handling/case-conference-action.entity';
import { CaseConferenceEntity } from '../case-handling/case-conference.entity';
import { HomeVisitEntity } from '../case-handling/home-visit.entity';
import { ChannelEntity } from '../channels/channel.entity';
import { ComplaintEventEntity } from '../complaints/complaint-event.entity';
import { ComplainantPinEntity } from '../complaints/complainant-pin.entity';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { ComplaintDisbursementLinkEntity } from '../disbursements/complaint-disbursement-link.entity';
import { DisbursementBatchEntity } from '../disbursements/disbursement-batch.entity';
import { DisbursementIssueEntity } from '../disbursements/disbursement-issue.entity';
import { EvidenceObjectEntity, EvidenceEntity, EvidenceStoreStrayEntity, EvidenceUrlKeyEntity } from '../evidence/evidence.entity';
import { EvidenceUploadEntity } from '../evidence/evidence-upload.entity';
import { DeliberationMinutesEntity } from '../deliberations/deliberation-minutes.entity';
import { EscalationEntity } from '../escalation/escalation.entity';
import { SlaPolicyEntity } from '../escalation/sla-policy.entity';
import { DayOffEntity } from '../escalation/days-off/day-off.entity';
import { IdempotencyRecordEntity } from '../idempotency/idempotency-record.entity';
import { ApiClientSecretEntity } from '../organisations/api-client-secret.entity';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { ProgramBenefitAmountEntity } from '../programs/program-benefit.entity';
import { ProgramStageEntity } from '../programs/program-stage.entity';
import { ProgramEntity } from '../programs/program.entity';
import { DeliberationEntity } from '../recipients/deliberation.entity';
import { DisbursementEntity } from '../recipients/disbursement.entity';
import { EnrolmentEntity } from '../recipients/enrolment.entity';
import { RecipientChangeProposalEntity } from '../recipients/recipient-change-proposal.entity';
import { RecipientProvenanceEntity } from '../recipients/recipient-provenance.entity';
import { RegisterImportEntity, RegisterImportFileEntity } from '../recipients/import/register-import.entity';
import { RecipientEntity } from '../recipients/recipient.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { RegionEntity } from '../regions/region.entity';
import { OfficerEntity } from '../officers/officer.entity';
import { OpenDataFileEntity } from '../open-data/open-data-file.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { WebhookDeliveryAttemptEntity, WebhookDeliveryEntity, WebhookSubscriptionEntity } from '../webhooks/webhook.entity';

/** Every table's entity. A new entity goes here, and its table into a migration (the drift test checks). */
export const ENTITIES = [
  RegionEntity,
  ProgramEntity,
  ChannelEntity,
  OrganisationEntity,
  ApiClientEntity,
  ApiClientSecretEntity,
  OfficerEntity,
  RecipientEntity,
  EnrolmentEntity,
  DisbursementEntity,
  ProgramStageEntity,
  ProgramBenefitAmountEntity,
  DeliberationEntity,
  RecipientChangeProposalEntity,
  RecipientProvenanceEntity,
  RegisterImportEntity,
  RegisterImportFileEntity,
  ComplaintEntity,
  ComplaintEventEntity,
  NotificationEntity,
  OpenDataFileEntity,
  ComplainantPinEntity,
  EscalationEntity,
  SlaPolicyEntity,
  DayOffEntity,
  ReferralEntity,
  CaseConferenceEntity,
  CaseConferenceActionEntity,
  HomeVisitEntity,
  DisbursementBatchEntity,
  DisbursementIssueEntity,
  ComplaintDisbursementLinkEntity,
  IdempotencyRecordEntity,
  SigningKeyEntity,
  PersonalDataAccessEntity,
  EvidenceObjectEntity,
  EvidenceEntity,
  EvidenceUploadEntity,
  DeliberationMinutesEntity,
  EvidenceUrlKeyEntity,
  EvidenceStoreStrayEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  WebhookDeliveryAttemptEntity,
  SetupRunEntity,
  OfficeRecordFactEntity,
  OfficeMonthRecordEntity,
  OfficeMonthHistogramEntity,
];
