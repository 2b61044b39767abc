import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { BEARER_SECURITY_SCHEME, SESSION_SECURITY_SCHEME } from '../../identity/identity.openapi';
import { ApiErrorResponse, ValidationErrorResponse } from '../api-error.dto';
import { REQUEST_ID_HEADER } from './access-request.decorator';

interface ReadDoc {
  summary: string;
  description?: string;
  answer: Type<unknown>;
  /** Recorded as an access to the case (view or reveal). */
  recorded: boolean;
  /** 422 answers besides validation (a stated reason naming the client, a point outside the case). */
  refusals?: string;
}

/** What the document says about one reading route: auth, the request id of recorded reads, answer and errors. */
export function ApiAuditRead(doc: ReadDoc) {
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiCookieAuth(SESSION_SECURITY_SCHEME),
    ApiBearerAuth(BEARER_SECURITY_SCHEME),
    ...(doc.recorded
      ? [
          ApiHeader({
            name: REQUEST_ID_HEADER,
            required: false,
            description:
              'Kennung der Anfrage (1–128 Zeichen A-Z a-z 0-9 . _ : -). Eine Wiederholung mit derselben Kennung wird nur einmal ' +
              'protokolliert; ohne Kennung gilt jede Anfrage als eigener Zugriff.',
          }),
        ]
      : []),
    ApiOkResponse({ type: doc.answer }),
    ApiBadRequestResponse({ type: ValidationErrorResponse, description: 'Ungültige Angaben; je Feld eine Meldung.' }),
    ApiUnauthorizedResponse({ type: ApiErrorResponse }),
    ApiForbiddenResponse({ type: ApiErrorResponse, description: 'Die Rolle berechtigt nicht zu dieser Funktion.' }),
    ApiNotFoundResponse({ type: ApiErrorResponse, description: 'Den Fall gibt es nicht, oder er ist für Sie nicht sichtbar.' }),
    ...(doc.refusals ? [ApiUnprocessableEntityResponse({ type: ApiErrorResponse, description: doc.refusals })] : []),
  );
}
