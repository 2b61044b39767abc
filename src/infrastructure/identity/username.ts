import { InvalidUsernameError } from './identity.errors';

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** Usernames are compared case-insensitively: `M.Weber` and `m.weber` are one account. */
export function normalizeUsername(input: string): string {
  return input.normalize('NFC').trim().toLowerCase();
}

/** The normalized form, or `InvalidUsernameError`. */
export function validUsername(input: string): string {
  const username = normalizeUsername(input);
  if (!USERNAME.test(username)) throw new InvalidUsernameError();
  return username;
}
