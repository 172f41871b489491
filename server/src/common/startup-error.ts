/**
 * A reason the server cannot start that the operator can fix (a bad variable,
 * an unreachable database, an unwritable folder). main() prints its message as
 * one line and exits 1, without a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
