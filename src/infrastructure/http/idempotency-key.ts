import { createHash } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';
import { canonicalJson } from '../event-store/canonical-json';
import { RequestValidationError } from './request-validation';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** 1-200 printable ASCII characters: UUIDs, ULIDs and the like fit; control characters never reach the store. */
const KEY = /^[\x20-\x7E]{1,200}$/;

/** Fixed forever: command ids of stored events derive from it. */
const KIM_IDEMPOTENCY_NAMESPACE = '5b0e8d6a-2f4c-4e37-b1a9-7c3d2e9f4a18';

/** The key was used before by the same account for a different request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('Idempotency-Key already used for a different request');
  }
}

/** The key, or null without one; a malformed key is a 400, never silently ignored (the retry would repeat). */
export function idempotencyKeyFrom(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw new RequestValidationError([
      { field: IDEMPOTENCY_KEY_HEADER, message: 'Der Idempotency-Key muss aus 1 bis 200 druckbaren ASCII-Zeichen bestehen.' },
    ]);
  }
  return header;
}

/**
 * The command id of a request with a key: the same account and key give the same id, so even a retry that
 * arrives after the command was appended but before its answer was stored is recognised by the event store.
 */
export function commandIdFor(principalId: string, key: string): string {
  return uuidV5(`${principalId}\n${key}`, KIM_IDEMPOTENCY_NAMESPACE);
}

/** An id the server makes up for a command (a case, a goal): stable per command id, so a retry names the same. */
export function derivedIdFor(commandId: string, purpose: string): string {
  return uuidV5(`${commandId}#${purpose}`, KIM_IDEMPOTENCY_NAMESPACE);
}

/** What "the same request" means: method, path and body, the body independent of key order and spacing. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n`)
    .update(canonicalJson(body ?? null))
    .digest('hex');
}
