import { defineWords } from '../words/define';

/** Referring a complaint to a bank or another office, and answering a referral. */
export const referralsWords = defineWords({
  'referrals.notFound': { id: 'Rujukan tidak ditemukan.', en: 'No such referral within your reach.' },
  'referrals.ineligibleOrganisation': ({ organisation }: { organisation: string }) => ({
    id: `Pengaduan ini tidak dapat dirujuk kepada ${organisation}: rujukan hanya kepada bank atau kantor lain yang wilayahnya mencakup lokasi pengaduan.`,
    en: `This complaint cannot be referred to ${organisation}: referrals go to banks, or to another office whose jurisdiction covers the complaint.`,
  }),
  'referrals.pendingAlready': ({ organisation }: { organisation: string }) => ({
    id: `Pengaduan ini sudah dirujuk kepada ${organisation} dan menunggu jawabannya.`,
    en: `This complaint is referred to ${organisation} already and awaits its answer.`,
  }),
  'referrals.madeToAnother': {
    id: 'Rujukan ini ditujukan kepada organisasi lain; hanya organisasi tersebut yang menjawabnya.',
    en: 'This referral was made to another organisation; only that organisation answers it.',
  },
  'referrals.answeredAlready': ({ status }: { status: string }) => ({
    id: `Rujukan ini berstatus ${status} dan tidak dapat dijawab lagi.`, en: `This referral is ${status} and cannot be answered again.`,
  }),
});
