import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The prefix lets secret scanners (and people) recognise a leaked KIM token. */
const TOKEN_PREFIX = 'kim_';
const WELL_FORMED_TOKEN = /^kim_[A-Za-z0-9_-]{43}$/;

/** 256 random bits: guessing one is hopeless, so a plain SHA-256 is enough to store it (no salt, no argon2). */
export function newSessionToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Lets the guard refuse garbage without a database round trip. */
export function isWellFormedSessionToken(value: string): boolean {
  return WELL_FORMED_TOKEN.test(value);
}

export function sessionTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares digests, so neither the content nor the length of the expected value leaks through timing. */
export function secretsEqual(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
