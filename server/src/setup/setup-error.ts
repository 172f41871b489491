/**
 * Something the operator must fix before the setup can finish (bad region
 * data, a province without a time zone, a missing DATABASE_URL). The CLI prints
 * its message as one line; nothing of the run is kept (one transaction).
 */
export class SetupError extends Error {
  override name = 'SetupError';
}
