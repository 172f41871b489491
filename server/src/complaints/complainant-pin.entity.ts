import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ComplaintEntity } from './complaint.entity';

/**
 * The complainant's reply PIN (docs/adr/0026-complainant-pin.md): the second
 * secret that, with the tracking code, lets a person without an account answer
 * a request for information, add evidence, appeal and rate. Stored as a salted
 * hash only; written once at intake (or at an appeal) in the statement that
 * writes the complaint, then only by complaints/complainant-pin.ts, which counts
 * wrong tries here — per complaint, so spreading guesses over many addresses
 * does not help.
 */
@Entity('complainant_pins')
@Check('complainant_pin_failed_attempts', `"failed_attempts" >= 0`)
export class ComplainantPinEntity {
  @PrimaryColumn({ type: 'uuid' })
  complaintId: string;

  @OneToOne(() => ComplaintEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  /** `sha256$<salt, base64url>$<digest, base64url>`: the scheme named, so it can change later. */
  @Column({ type: 'varchar', length: 120 })
  pinHash: string;

  /** Wrong PINs since the last right one (or the last lockout). */
  @Column({ type: 'smallint', default: 0 })
  failedAttempts: number;

  /** While in the future, every PIN is refused (PIN_LOCKED), the right one too. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
