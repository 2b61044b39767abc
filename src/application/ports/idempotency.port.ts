/** A request's answer kept under its Idempotency-Key, so the same request repeated gets the same answer. */
export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  body: unknown;
}

export interface IdempotencyStore {
  find(principalId: string, key: string): Promise<StoredAnswer | null>;
  /** Keeps the first answer stored under the key; returns the one that is stored after the call. */
  save(principalId: string, key: string, answer: StoredAnswer, at: Date): Promise<StoredAnswer>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
