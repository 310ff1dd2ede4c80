import type {
  ContentObject,
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { STATUS_CODES } from 'node:http';
import { spellNullableAs31 } from './nullable-schemas';
import type { RouteAccess } from './route-access';

export interface DocumentRuleOptions {
  /** Access rules by operationId (see route-access.ts). */
  access: ReadonlyMap<string, RouteAccess>;
  /** Name of the security scheme staff routes require. */
  securityScheme: string;
  /** The `{ statusCode, error, message }` body of every error outside the OAuth endpoints. */
  errorSchema: ReferenceObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const JSON_TYPE = 'application/json';

/** Headers whose value is not free text; any other header without a schema is a string. */
const HEADER_SCHEMAS: Record<string, HeaderObject['schema']> = {
  'x-total-count': { type: 'integer', minimum: 0 },
  'retry-after': { type: 'integer', minimum: 0 },
};
const WWW_AUTHENTICATE: HeaderObject = {
  description:
    'RFC 6750 challenge: `Bearer realm="lead-intake"`, with `error="invalid_token"` ' +
    'when a token was sent but refused',
  required: true,
  schema: { type: 'string' },
};
const RETRY_AFTER: HeaderObject = {
  description: 'Seconds until the client may try again',
  required: true,
  schema: HEADER_SCHEMAS['retry-after'],
};

/**
 * Rules that hold for every operation of this service, applied to the document Nest builds from
 * the decorators, so that no controller can forget them:
 * - security comes from @Public() and @Roles() (the guards' own metadata): public operations
 *   `security: []`, every other one the OAuth2 scheme, `401` (+ WWW-Authenticate) and, with
 *   roles, `403`;
 * - an operation with a request body also answers `413` and `415` from the body parsers (size
 *   limit; charset or Content-Encoding), in the same shape as its `400`;
 * - error answers are JSON, whatever the success answer's media type;
 * - `429` carries Retry-After; every response header has a schema; no description is empty;
 * - nullable schemas are spelled the OpenAPI 3.1 way (see nullable-schemas.ts).
 */
export function applyDocumentRules(
  document: OpenAPIObject,
  options: DocumentRuleOptions,
): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const access = options.access.get(operation.operationId ?? '');
      if (!access) {
        throw new Error(
          `No route metadata for ${method.toUpperCase()} ${path} (${operation.operationId})`,
        );
      }
      finishOperation(operation, access, options);
    }
  }
  spellNullableAs31(document);
  return document;
}

function finishOperation(
  operation: OperationObject,
  access: RouteAccess,
  options: DocumentRuleOptions,
): void {
  const responses = operation.responses as Record<string, ResponseObject>;
  const errorContent = { [JSON_TYPE]: { schema: options.errorSchema } };
  operation.security = access.isPublic ? [] : [{ [options.securityScheme]: [] }];
  if (!access.isPublic) {
    responses['401'] ??= {
      description: 'Missing, invalid, expired or revoked bearer token',
      content: errorContent,
    };
  }
  if (access.roles.length > 0) {
    responses['403'] ??= {
      description: `Only for the ${access.roles.join(' or ')} role`,
      content: errorContent,
    };
  }
  if (operation.requestBody) {
    const content = jsonContent(responses['400']) ?? errorContent;
    responses['413'] ??= { description: 'Request body over the size limit', content };
    responses['415'] ??= {
      description: 'Request body in an unsupported charset or Content-Encoding',
      content,
    };
  }
  for (const [status, response] of Object.entries(responses)) {
    response.description ||= STATUS_CODES[status] ?? status;
    if (Number(status) >= 400) errorsInJson(response);
    if (status === '401') addHeader(response, 'WWW-Authenticate', WWW_AUTHENTICATE);
    if (status === '429') addHeader(response, 'Retry-After', RETRY_AFTER);
    for (const [name, header] of Object.entries(response.headers ?? {}) as [
      string,
      HeaderObject,
    ][]) {
      if (!header.schema && !header.content) {
        header.schema = HEADER_SCHEMAS[name.toLowerCase()] ?? { type: 'string' };
      }
    }
  }
}

/** The error filter always answers JSON: @ApiProduces (a file download) must not say otherwise. */
function errorsInJson(response: ResponseObject): void {
  const content = response.content;
  if (!content || Object.keys(content).every((type) => type === JSON_TYPE)) return;
  response.content = { [JSON_TYPE]: content[JSON_TYPE] ?? Object.values(content)[0] };
}

function jsonContent(response: ResponseObject | undefined): ContentObject | undefined {
  const media = response?.content?.[JSON_TYPE];
  return media ? { [JSON_TYPE]: media } : undefined;
}

function addHeader(response: ResponseObject, name: string, header: HeaderObject): void {
  const headers = (response.headers ??= {});
  const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
  if (!existing) headers[name] = { ...header };
}
