/**
 * Personal data is encrypted per client before it reaches an event, with that client's own key. Destroying the
 * key (crypto-shredding) makes every copy unreadable, in the log, in backups of the log and in projections.
 */

/** A sealed value as it stands in an event: the ciphertext and the client whose key opens it. */
export interface SealedValue {
  $sealed: 'v1';
  /** The client whose key seals this value. */
  c: string;
  /** base64url of iv (12 bytes) + ciphertext + GCM tag (16 bytes). */
  d: string;
}

/** What an opened value is when its client's key was destroyed. */
export const ERASED = Object.freeze({ $erased: true as const });
export type Erased = typeof ERASED;

export interface PersonalDataVault {
  /** Creates the client's key on first use. `context` binds the ciphertext to where it stands (AAD). */
  seal(clientId: string, context: string, value: unknown): Promise<SealedValue>;
  /** The plaintext, or ERASED when the client's data was erased. */
  open(sealed: SealedValue, context: string): Promise<unknown | Erased>;
  /** Destroys the client's key. Idempotent. */
  erase(clientId: string, erasure: { erasedAt: Date; erasedBy: string; legalBasis: string }): Promise<void>;
  isErased(clientId: string): Promise<boolean>;
}

export function isSealedValue(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SealedValue).$sealed === 'v1' &&
    typeof (value as SealedValue).c === 'string' &&
    typeof (value as SealedValue).d === 'string'
  );
}

export function isErased(value: unknown): value is Erased {
  return typeof value === 'object' && value !== null && (value as Erased).$erased === true;
}

export const PERSONAL_DATA_VAULT = Symbol('PersonalDataVault');
