import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { BEARER_SECURITY_SCHEME, SESSION_SECURITY_SCHEME } from '../../identity/identity.openapi';
import { ApiErrorResponse, ValidationErrorResponse } from '../api-error.dto';

/** What the document says about one read-model route: auth, answer and the errors every such route has. */
export function ApiReadModel(doc: { summary: string; description: string; answer: Type<unknown>; forbidden: string }) {
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiCookieAuth(SESSION_SECURITY_SCHEME),
    ApiBearerAuth(BEARER_SECURITY_SCHEME),
    ApiOkResponse({ type: doc.answer }),
    ApiBadRequestResponse({ type: ValidationErrorResponse, description: 'Ungültige Angaben; je Parameter eine Meldung.' }),
    ApiUnauthorizedResponse({ type: ApiErrorResponse }),
    ApiForbiddenResponse({ type: ApiErrorResponse, description: doc.forbidden }),
    ApiUnprocessableEntityResponse({ type: ApiErrorResponse, description: 'waitFor ist kein Stand, den ein Befehl zurückgegeben hat.' }),
  );
}
