import type { ClientPersonalData } from '../case/case.events';
import { AccessReasonInvalidError, AccessReasonNamesClientError } from './case-access.errors';

/** Long enough for "Prüfauftrag RPA 2026-17, Stichprobe Verwendungsnachweis 2025", short enough for no story. */
export const MAX_ACCESS_REASON_LENGTH = 200;

/**
 * The reason as it is stored: one line, NFC, single spaces. Control characters are refused rather than
 * stripped, so what the reader typed is what the audit shows.
 */
export function accessReason(text: string): string {
  const normalised = text.normalize('NFC').trim().replace(/[ \t]+/g, ' ');
  // eslint-disable-next-line no-control-regex
  if (normalised === '' || normalised.length > MAX_ACCESS_REASON_LENGTH || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(normalised)) {
    throw new AccessReasonInvalidError(MAX_ACCESS_REASON_LENGTH);
  }
  return normalised;
}

/** Name parts this short ("Li", "Al") occur inside ordinary words and references too often to refuse them. */
const MIN_NAME_TOKEN = 3;
/** Fewer digits than this match house numbers and file references, not phone numbers. */
const MIN_PHONE_DIGITS = 6;
/** The subscriber end of a number, the same whether written with +49, 0049 or the trunk 0. */
const PHONE_TAIL_DIGITS = 8;

/**
 * Refuses a reason that names the client: it stays readable after the client's data is erased. A guard against
 * the obvious slip (the name, date of birth, e-mail or phone number typed as the reason), not a proof.
 */
export function assertReasonDoesNotNameClient(reason: string, personal: ClientPersonalData): void {
  if (reasonNamesClient(reason, personal)) throw new AccessReasonNamesClientError();
}

export function reasonNamesClient(reason: string, personal: ClientPersonalData): boolean {
  const words = new Set(tokens(reason));
  const names = [personal.givenName, personal.familyName].flatMap((name) => tokens(name ?? '')).filter((t) => t.length >= MIN_NAME_TOKEN);
  if (names.some((name) => words.has(name))) return true;
  const folded = fold(reason);
  if (personal.contact?.email && folded.includes(fold(personal.contact.email))) return true;
  if (personal.dateOfBirth && datesOf(personal.dateOfBirth).some((date) => folded.includes(date))) return true;
  const phone = digits(personal.contact?.phone ?? '').slice(-PHONE_TAIL_DIGITS);
  return phone.length >= MIN_PHONE_DIGITS && digits(reason).includes(phone);
}

/** Lower case without diacritics: "Müller", "MÜLLER" and "Muller" are one name. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokens(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((token) => token !== '');
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

/** The date of birth as people write it: 1990-04-12, 12.04.1990, 12.4.1990. */
function datesOf(isoDate: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return [];
  const [, year, month, day] = match;
  return [isoDate, `${day}.${month}.${year}`, `${Number(day)}.${Number(month)}.${year}`];
}
