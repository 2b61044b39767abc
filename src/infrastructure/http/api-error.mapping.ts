import { HttpException } from '@nestjs/common';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../application/ports/event-store.errors';
import { ReadModelNotReadyError } from '../../projections/read/read-model.locator';
import { CaseNotFoundError, DomainRuleViolation, type ViolationKind } from '../../domain/case/case.errors';
import { IdempotencyKeyReusedError } from './idempotency-key';
import { MAX_REQUEST_BODY_BYTES } from './request-body.limit';
import { type FieldProblem, RequestValidationError } from './request-validation';

/** What the API answers for an error: status, body (without the correlation id, added by the filter), headers. */
export interface ApiErrorAnswer {
  status: number;
  body: { code: string; message: string; field?: string; errors?: FieldProblem[]; currentRevision?: number };
  headers?: Readonly<Record<string, string>>;
  /** Not the caller's doing: logged with its class so operators see it. */
  unexpected: boolean;
}

const VIOLATION_STATUS: Record<ViolationKind, number> = { forbidden: 403, not_found: 404, conflict: 409, invalid: 422 };

/** Seconds a client should wait before retrying when the event store is down: a restart or failover takes a few. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const VALIDATION_FAILED = 'Die Anfrage ist unvollständig oder enthält ungültige Angaben.';

/** For errors that carry only a status (the framework's, the body parser's): a German text per status. */
const BY_STATUS: Readonly<Record<number, { code: string; message: string }>> = {
  // The framework's 400s: a body that is not JSON, a path with broken percent-encoding.
  400: { code: 'malformed_request', message: 'Die Anfrage konnte nicht gelesen werden: kein gültiges JSON oder eine fehlerhaft kodierte Adresse.' },
  401: { code: 'unauthenticated', message: 'Bitte melden Sie sich an.' },
  403: { code: 'forbidden', message: 'Sie sind nicht berechtigt, diese Funktion zu nutzen.' },
  404: { code: 'not_found', message: 'Diese Adresse gibt es nicht.' },
  405: { code: 'method_not_allowed', message: 'Diese Methode ist hier nicht vorgesehen.' },
  413: {
    code: 'payload_too_large',
    message: `Die Anfrage ist zu groß: erlaubt sind höchstens ${MAX_REQUEST_BODY_BYTES / 1024} KiB.`,
  },
  415: { code: 'unsupported_media_type', message: 'Bitte senden Sie den Inhalt als JSON (Content-Type: application/json).' },
  429: { code: 'too_many_requests', message: 'Zu viele Anfragen. Bitte warten Sie einen Moment.' },
};

const INTERNAL = { code: 'internal_error', message: 'Ein interner Fehler ist aufgetreten. Bitte nennen Sie bei Rückfragen die Vorgangsnummer.' };

/**
 * Maps anything a route can throw to the API's answer. Only codes, German texts of our own and field names
 * reach the caller: never an error's own message, which may quote input (a JSON parser quotes the body).
 */
export function apiErrorAnswer(error: unknown): ApiErrorAnswer {
  if (error instanceof RequestValidationError) {
    return { status: 400, body: { code: 'validation_failed', message: VALIDATION_FAILED, errors: [...error.problems] }, unexpected: false };
  }
  if (error instanceof DomainRuleViolation) return violationAnswer(error);
  if (error instanceof WrongExpectedRevisionError) {
    // A conditional command on a case that does not exist: the case is missing, not stale.
    if (error.actual === 'no_stream') return violationAnswer(new CaseNotFoundError());
    return {
      status: 409,
      body: {
        code: 'revision_conflict',
        message: 'Der Fall wurde inzwischen geändert. Bitte laden Sie ihn neu und prüfen Sie Ihre Eingabe.',
        currentRevision: error.actual,
      },
      unexpected: false,
    };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return {
      status: 422,
      body: {
        code: 'idempotency_key_reused',
        message: 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet. Bitte verwenden Sie für jede neue Anfrage einen neuen Schlüssel.',
      },
      unexpected: false,
    };
  }
  if (error instanceof EventStoreUnavailableError) {
    return {
      status: 503,
      body: { code: 'service_unavailable', message: 'Der Dienst ist vorübergehend nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.' },
      headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
      unexpected: true,
    };
  }
  if (error instanceof ReadModelNotReadyError) {
    // A read model is still being built (first start, or a new version): the answer comes once it has caught up.
    return {
      status: 503,
      body: { code: 'read_model_not_ready', message: 'Die Übersicht wird gerade aufgebaut. Bitte versuchen Sie es in Kürze noch einmal.' },
      headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
      unexpected: false,
    };
  }
  if (error instanceof HttpException) return httpExceptionAnswer(error);
  const bodyParserStatus = bodyParserErrorStatus(error);
  if (bodyParserStatus !== null) return { status: bodyParserStatus, body: byStatus(bodyParserStatus), unexpected: bodyParserStatus >= 500 };
  return { status: 500, body: INTERNAL, unexpected: true };
}

function violationAnswer(violation: DomainRuleViolation): ApiErrorAnswer {
  const field = 'field' in violation && typeof violation.field === 'string' ? requestField(violation.field) : undefined;
  return {
    status: VIOLATION_STATUS[violation.kind],
    body: { code: violation.code, message: violation.message, ...(field === undefined ? {} : { field }) },
    unexpected: false,
  };
}

/**
 * The domain names command fields (`data.heldOn`, `metadata.reason`); the request body has the same fields
 * without the envelope. Other metadata is the server's own and names no input. A query has no envelope: its
 * checks name the parameter itself (the funding report's `period`, `organisationUnit`, `asRecordedOn`).
 */
export function requestField(commandField: string): string | undefined {
  if (commandField.startsWith('data.')) return commandField.slice('data.'.length);
  if (commandField === 'metadata.reason') return 'reason';
  if (!commandField.includes('.')) return commandField;
  return undefined;
}

/** Guards and the framework throw these; the identity module's carry a code and a German message of their own. */
function httpExceptionAnswer(error: HttpException): ApiErrorAnswer {
  const status = error.getStatus();
  const response = error.getResponse();
  const own =
    typeof response === 'object' && response !== null && typeof (response as { code?: unknown }).code === 'string'
      ? { code: String((response as { code: string }).code), message: String((response as { message?: unknown }).message ?? '') }
      : null;
  return { status, body: own ?? byStatus(status), unexpected: status >= 500 };
}

/**
 * Errors of Express's body parser (http-errors) that Nest passes on as they are: a numeric status and a `type`
 * such as `entity.too.large`. (Invalid JSON arrives as Nest's own 400 instead.)
 */
function bodyParserErrorStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || typeof (error as { type?: unknown }).type !== 'string') return null;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : null;
}

function byStatus(status: number): { code: string; message: string } {
  return BY_STATUS[status] ?? (status >= 500 ? INTERNAL : { code: 'request_failed', message: 'Die Anfrage konnte nicht bearbeitet werden.' });
}
