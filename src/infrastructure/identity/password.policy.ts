import { WeakPasswordError } from './identity.errors';

/**
 * Length is what makes a password strong (NIST SP 800-63B, BSI ORP.4): at least 12 characters, no composition
 * rules. The upper bound keeps a request from making the server hash megabytes.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

export function assertAcceptablePassword(password: string, username: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) throw new WeakPasswordError(`it must have at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) throw new WeakPasswordError(`it must have at most ${PASSWORD_MAX_LENGTH} characters`);
  // Short usernames would match by accident (`cm` in `Schmidt`); from four characters on a match is a real reuse.
  const name = username.trim().toLowerCase();
  if (name.length >= 4 && password.toLowerCase().includes(name)) {
    throw new WeakPasswordError('it must not contain the username');
  }
}
