import { EventStoreUnavailableError } from '../../application/ports/event-store.errors';

/** SQLSTATE classes meaning "the connection or server went away, or the transaction lost a race": try again. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01)/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const TRANSIENT_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|PGlite is closed/i;

/**
 * Whether a failure says the store or the read-model database is unavailable rather than that the projection
 * is wrong. The first is retried quickly and quietly; the second stops the projection with an error.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) return true;
  return TRANSIENT_MESSAGES.test(error.message);
}

/** Name, message and SQLSTATE only: a driver's `detail` may quote row values, which may be personal data. */
export function describeFailure(error: unknown): { name: string; message: string; code?: string } {
  if (!(error instanceof Error)) return { name: 'NonError', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}
