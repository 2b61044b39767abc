import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { addIdentitySecuritySchemes } from '../identity/identity.openapi';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** The API as OpenAPI 3, built from the controllers' and DTOs' decorators: the routes cannot drift from it. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('KIM Fallakte API')
    .setDescription(
      'Fallakte für das Kommunale Integrationsmanagement (NRW). Jeder Befehl antwortet mit dem neuen Stand des Falls (`revision`, ' +
        'auch als ETag); mit `If-Match` gilt ein Befehl nur für diesen Stand, mit `Idempotency-Key` lässt er sich gefahrlos wiederholen. ' +
        'Fehler antworten einheitlich mit `statusCode`, `code`, `message` und `correlationId`.',
    )
    .setVersion('1');
  return SwaggerModule.createDocument(app, addIdentitySecuritySchemes(builder).build());
}

/** The document at /api/docs-json and a browsable UI at /api/docs; both public, they describe no data. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    customSiteTitle: 'KIM Fallakte API',
  });
}
