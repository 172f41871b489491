import { defineWords } from '../words/define';

/** GET /metrics's refusals (metrics.router.ts); the scraper's operator reads them. */
export const metricsWords = defineWords({
  'metrics.tokenRequired': {
    id: 'Metrik memerlukan `Authorization: Bearer <METRICS_TOKEN>`.', en: 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.',
  },
  'metrics.notInProduction': {
    id: 'Metrik tidak disajikan di produksi sebelum METRICS_TOKEN ditetapkan.', en: 'Metrics are not served in production until METRICS_TOKEN is set.',
  },
});
