import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { CSRF_HEADER } from '../../identity/csrf';
import { BEARER_SECURITY_SCHEME, SESSION_SECURITY_SCHEME } from '../../identity/identity.openapi';
import { ApiErrorResponse, RevisionConflictResponse, ValidationErrorResponse } from '../api-error.dto';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../api-error.mapping';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency-key';
import { MAX_REQUEST_BODY_BYTES } from '../request-body.limit';
import { IF_MATCH_HEADER } from './command-request.decorator';
import { IDEMPOTENT_REPLAY_HEADER } from './case-command.executor';

/** Path parameters as the routes name them. */
export const ApiCaseIdParam = () => ApiParam({ name: 'caseId', description: 'Kennung des Falls (aus der Antwort der Fallaufnahme)' });
export const ApiChildIdParam = (name: string, description: string) => ApiParam({ name, description });

interface CaseCommandDoc {
  summary: string;
  description?: string;
  answer: Type<unknown>;
  /** Intake: 201 with Location and no If-Match (the case does not exist yet). */
  opensCase?: boolean;
}

const ANSWER_HEADERS = {
  ETag: { description: 'Der neue Stand des Falls, z. B. "4": als If-Match des nächsten Befehls senden.', schema: { type: 'string' } },
  [IDEMPOTENT_REPLAY_HEADER]: { description: '`true`, wenn dies die gespeicherte Antwort einer früheren Anfrage mit demselben Idempotency-Key ist.', schema: { type: 'string' } },
};

/** Everything the document says about one command route: auth, headers, the answer and every error. */
export function ApiCaseCommand(doc: CaseCommandDoc) {
  const success = doc.opensCase
    ? ApiCreatedResponse({
        type: doc.answer,
        description: 'Fall angelegt.',
        headers: { ...ANSWER_HEADERS, Location: { description: 'Adresse des neuen Falls', schema: { type: 'string' } } },
      })
    : ApiOkResponse({ type: doc.answer, description: 'Erfasst.', headers: ANSWER_HEADERS });
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiCookieAuth(SESSION_SECURITY_SCHEME),
    ApiBearerAuth(BEARER_SECURITY_SCHEME),
    ApiExtraModels(ApiErrorResponse, RevisionConflictResponse),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Frei gewählter Schlüssel (1–200 druckbare Zeichen, z. B. eine UUID), um eine Anfrage gefahrlos zu wiederholen: ' +
        'dieselbe Anfrage mit demselben Schlüssel erhält dieselbe Antwort, ohne dass etwas doppelt erfasst wird.',
    }),
    ...(doc.opensCase
      ? []
      : [
          ApiHeader({
            name: IF_MATCH_HEADER,
            required: false,
            description: 'Der Stand des Falls aus dem letzten ETag, z. B. "4": der Befehl gilt nur, wenn der Fall seitdem unverändert ist (sonst 409).',
          }),
        ]),
    ApiHeader({ name: CSRF_HEADER, required: false, description: 'Pflicht bei Anmeldung per Sitzungs-Cookie' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Vorgangsnummer für die Protokolle (1–128 Zeichen A-Z a-z 0-9 . _ : -)' }),
    success,
    ApiBadRequestResponse({ type: ValidationErrorResponse, description: 'Eingaben unvollständig oder ungültig (`validation_failed`), je Feld eine Meldung.' }),
    ApiUnauthorizedResponse({ type: ApiErrorResponse, description: 'Nicht angemeldet (`unauthenticated`).' }),
    ApiForbiddenResponse({
      type: ApiErrorResponse,
      description:
        'Keine Berechtigung: Rolle (`role_not_permitted`), Fall einer anderen Organisationseinheit (`not_in_organisation_unit`) ' +
        'oder eines anderen Kreises (`not_in_district`), CSRF-Token fehlt (`csrf_token_invalid`).',
    }),
    ...(doc.opensCase
      ? []
      : [ApiNotFoundResponse({ type: ApiErrorResponse, description: 'Fall (`case_not_found`) oder Ziel, Weiterleitung, Wiedervorlage nicht gefunden.' })]),
    ApiConflictResponse({
      description:
        'Der Befehl passt nicht zum Stand des Falls: veralteter If-Match (`revision_conflict`, mit `currentRevision`) ' +
        'oder eine Fachregel (z. B. `consent_required`, `case_closed`).',
      schema: { oneOf: [{ $ref: getSchemaPath(RevisionConflictResponse) }, { $ref: getSchemaPath(ApiErrorResponse) }] },
    }),
    ApiPayloadTooLargeResponse({ type: ApiErrorResponse, description: `Anfrage größer als ${MAX_REQUEST_BODY_BYTES / 1024} KiB (\`payload_too_large\`).` }),
    ApiUnprocessableEntityResponse({
      type: ApiErrorResponse,
      description:
        'Eine Angabe verletzt eine Fachregel (z. B. `date_in_future`, `legal_basis_not_in_category`; `field` nennt das Feld) ' +
        'oder der Idempotency-Key wurde für eine andere Anfrage verwendet (`idempotency_key_reused`).',
    }),
    ApiServiceUnavailableResponse({
      type: ApiErrorResponse,
      description: 'Ereignisspeicher nicht erreichbar (`service_unavailable`); nichts wurde erfasst.',
      headers: { 'Retry-After': { description: `Sekunden bis zum nächsten Versuch (${UNAVAILABLE_RETRY_AFTER_SECONDS})`, schema: { type: 'integer' } } },
    }),
    ApiInternalServerErrorResponse({ type: ApiErrorResponse, description: 'Unerwarteter Fehler (`internal_error`), ohne Einzelheiten.' }),
  );
}
