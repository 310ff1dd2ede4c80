import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { appConfig, type AppConfig } from '../config/configuration';
import { applyDocumentRules } from './document-rules';
import { operationId, routeAccess } from './route-access';

const SECURITY_SCHEME = 'oauth2';

/**
 * The OpenAPI 3.1 document served at /docs-json (and checked by `npm run lint:openapi`): what
 * the controllers' decorators describe, finished by the rules every operation follows.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = app.get<AppConfig>(appConfig.KEY);
  const base = new DocumentBuilder()
    // 3.1: JSON Schema 2020-12, so a nullable reference can be said in a way validators accept.
    .setOpenAPIVersion('3.1.0')
    .setTitle('Lead intake API')
    .setDescription(
      'Prospects submit leads (public); staff sign in with the OAuth2 password grant to list ' +
        'leads and mark them reached out. Click **Authorize** and enter a staff email and ' +
        'password (leave client id/secret empty).',
    )
    .setVersion('1.0')
    .addServer(config.publicBaseUrl)
    .addOAuth2(
      { type: 'oauth2', flows: { password: { tokenUrl: '/auth/token', scopes: {} } } },
      SECURITY_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, base, {
    operationIdFactory: operationId,
    extraModels: [ErrorResponse],
  });
  return applyDocumentRules(document, {
    access: routeAccess(app),
    securityScheme: SECURITY_SCHEME,
    errorSchema: { $ref: getSchemaPath(ErrorResponse) },
  });
}
