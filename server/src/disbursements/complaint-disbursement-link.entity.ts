import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { DisbursementIssueEntity } from './disbursement-issue.entity';

/** A citizen complaint and a bank's report about the same failed payment, linked both ways. */
@Entity('complaint_disbursement_links')
export class ComplaintDisbursementLinkEntity {
  @PrimaryColumn({ type: 'uuid' })
  complaintId: string;

  @Index('idx_complaint_disbursement_links_issue')
  @PrimaryColumn({ type: 'uuid' })
  disbursementIssueId: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  @ManyToOne(() => DisbursementIssueEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'disbursement_issue_id' })
  disbursementIssue?: DisbursementIssueEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  linkedAt: Date;
}
