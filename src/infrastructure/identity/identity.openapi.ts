import type { DocumentBuilder } from '@nestjs/swagger';
import { SESSION_COOKIE } from './session-cookie';

/** The names the auth routes' `@ApiCookieAuth` / `@ApiBearerAuth` refer to. */
export const SESSION_SECURITY_SCHEME = 'session';
export const BEARER_SECURITY_SCHEME = 'bearer';

/** Registers both ways to authenticate in the OpenAPI document; call it wherever the document is built. */
export function addIdentitySecuritySchemes(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Browser-Sitzung aus POST /api/auth/login' },
      SESSION_SECURITY_SCHEME,
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API-Token aus POST /api/auth/tokens' }, BEARER_SECURITY_SCHEME);
}
