import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app.config';

export type { Logger } from 'pino';

export const LOGGER = Symbol('Logger');

/**
 * Field names that may hold personal data. Code must not log such data at all; this is the safety net for
 * the day someone logs a whole object. Covered at the top level and two levels down (`*.name`, `*.*.name`).
 */
const PERSONAL_FIELDS = [
  'personal',
  'name',
  'firstName',
  'lastName',
  'dateOfBirth',
  'birthDate',
  'address',
  'email',
  'phone',
  'note',
  'notes',
  'body',
];

const SECRET_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'connectionString',
  '*.connectionString',
];

export const REDACTED_PATHS: readonly string[] = [
  ...PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...SECRET_PATHS,
];

export interface LoggerOptions {
  level: LogLevel;
  /** Where JSON lines go; standard output unless a test captures them. */
  destination?: DestinationStream;
}

/** One JSON object per line, ISO timestamps, level names instead of numbers: what log shippers parse best. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'kim-fallakte', hostname: hostname(), pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    options.destination,
  );
}
