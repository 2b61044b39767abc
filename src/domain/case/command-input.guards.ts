import { isCalendarDate, type CalendarDate } from '../time/calendar-date.value';
import { InvalidValueError } from './case.errors';

/**
 * Commands arrive from outside: types describe them but do not guarantee them, and whatever passes here is
 * appended to a log that is never edited. Each guard returns the value in the exact shape stored, or throws
 * naming the field (never echoing the value, which may be personal).
 */

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const COUNTRY = /^[A-Z]{2}$/;
/** Generous for a note, small against the store's 1 MiB event limit. */
const MAX_TEXT_LENGTH = 20_000;
const MAX_NAME_LENGTH = 300;

export function id(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ID.test(value)) throw new InvalidValueError(field);
  return value;
}

export function oneOf<T extends string | number>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) throw new InvalidValueError(field);
  return value as T;
}

export function integer(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new InvalidValueError(field);
  return value;
}

export function optionalInteger(field: string, value: unknown, min: number, max: number): number | null {
  return value === null || value === undefined ? null : integer(field, value, min, max);
}

export function bool(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidValueError(field);
  return value;
}

/** Required text: not blank. */
export function text(field: string, value: unknown, maxLength = MAX_TEXT_LENGTH): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) throw new InvalidValueError(field);
  return value;
}

/** Optional text: absent or blank (as an empty form field sends it) is stored as null. */
export function optionalText(field: string, value: unknown, maxLength = MAX_TEXT_LENGTH): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  return text(field, value, maxLength);
}

export function name(field: string, value: unknown): string {
  return text(field, value, MAX_NAME_LENGTH);
}

export function optionalName(field: string, value: unknown): string | null {
  return optionalText(field, value, MAX_NAME_LENGTH);
}

export function calendarDate(field: string, value: unknown): CalendarDate {
  if (!isCalendarDate(value)) throw new InvalidValueError(field);
  return value;
}

export function optionalCalendarDate(field: string, value: unknown): CalendarDate | null {
  return value === null || value === undefined ? null : calendarDate(field, value);
}

export function languageCode(field: string, value: unknown): string {
  if (typeof value !== 'string' || !LANGUAGE.test(value)) throw new InvalidValueError(field);
  return value;
}

export function optionalLanguageCode(field: string, value: unknown): string | null {
  return value === null || value === undefined ? null : languageCode(field, value);
}

export function optionalCountryCode(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !COUNTRY.test(value)) throw new InvalidValueError(field);
  return value;
}

export function record(field: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidValueError(field);
  return value as Record<string, unknown>;
}

/** A list without repeats, each item checked; `key` says what counts as a repeat. */
export function uniqueList<T>(
  field: string,
  value: unknown,
  item: (field: string, value: unknown) => T,
  options: { minLength?: number; maxLength?: number; key?: (item: T) => unknown } = {},
): T[] {
  const { minLength = 0, maxLength = 100, key = (x: T) => x } = options;
  if (!Array.isArray(value) || value.length < minLength || value.length > maxLength) throw new InvalidValueError(field);
  const items = value.map((element, index) => item(`${field}[${index}]`, element));
  if (new Set(items.map(key)).size !== items.length) throw new InvalidValueError(field);
  return items;
}
