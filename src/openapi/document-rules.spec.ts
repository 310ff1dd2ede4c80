import type { OpenAPIObject } from '@nestjs/swagger';
import { applyDocumentRules } from './document-rules';
import type { RouteAccess } from './route-access';

const ERROR = { $ref: '#/components/schemas/ErrorResponse' };
const OAUTH_ERROR = { $ref: '#/components/schemas/OAuthErrorResponse' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

function documentWith(operations: Record<string, Record<string, unknown>>): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [route, operation] of Object.entries(operations)) {
    const [method, path] = route.split(' ');
    paths[path] = { ...paths[path], [method]: { responses: {}, ...operation } };
  }
  const document: OpenAPIObject = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths };
  return document;
}

function apply(document: OpenAPIObject, access: Record<string, Partial<RouteAccess>>) {
  return applyDocumentRules(document, {
    access: new Map(
      Object.entries(access).map(([id, a]) => [id, { isPublic: false, roles: [], ...a }]),
    ),
    securityScheme: 'oauth2',
    errorSchema: ERROR,
  });
}

interface Response {
  description: string;
  content: Record<string, unknown>;
  headers: Record<string, unknown>;
}
const operation = (document: OpenAPIObject, route: string) => {
  const [method, path] = route.split(' ');
  const item = document.paths[path] as Record<string, unknown>;
  return item[method] as { security?: unknown; responses: Record<string, Response> };
};

describe('applyDocumentRules', () => {
  it('marks @Public() operations `security: []`, every other one OAuth2 with a 401', () => {
    const document = apply(
      documentWith({
        'post /leads': { operationId: 'Leads_create', responses: { 201: { description: 'x' } } },
        'get /leads': { operationId: 'Leads_list', security: [{ oauth2: [] }] },
        'get /users/me': { operationId: 'Users_me' },
      }),
      { Leads_create: { isPublic: true }, Leads_list: {}, Users_me: {} },
    );
    expect(operation(document, 'post /leads').security).toEqual([]);
    expect(operation(document, 'post /leads').responses['401']).toBeUndefined();
    for (const route of ['get /leads', 'get /users/me']) {
      expect(operation(document, route).security).toEqual([{ oauth2: [] }]);
      expect(operation(document, route).responses['401']).toMatchObject({
        ...json(ERROR),
        headers: { 'WWW-Authenticate': { required: true, schema: { type: 'string' } } },
      });
    }
  });

  it('adds a 403 to operations with @Roles(), naming the roles', () => {
    const document = apply(documentWith({ 'get /users': { operationId: 'Users_list' } }), {
      Users_list: { roles: ['admin'] },
    });
    expect(operation(document, 'get /users').responses['403']).toEqual({
      description: 'Only for the admin role',
      ...json(ERROR),
    });
  });

  it('gives operations with a body 413 and 415 in the shape of their 400, keeping their own', () => {
    const document = apply(
      documentWith({
        'post /auth/token': {
          operationId: 'Token_token',
          requestBody: {},
          responses: { 400: { description: 'RFC 6749', ...json(OAUTH_ERROR) } },
        },
        'post /leads': {
          operationId: 'Leads_create',
          requestBody: {},
          responses: { 413: { description: 'File over RESUME_MAX_BYTES', ...json(ERROR) } },
        },
      }),
      { Token_token: { isPublic: true }, Leads_create: { isPublic: true } },
    );
    const token = operation(document, 'post /auth/token').responses;
    expect([token['413'], token['415']]).toEqual([
      expect.objectContaining(json(OAUTH_ERROR)),
      expect.objectContaining(json(OAUTH_ERROR)),
    ]);
    const leads = operation(document, 'post /leads').responses;
    expect(leads['413'].description).toBe('File over RESUME_MAX_BYTES');
    expect(leads['415']).toMatchObject(json(ERROR));
  });

  it('documents error answers as JSON even where the success answer is a file', () => {
    const pdf = { 'application/pdf': { schema: ERROR }, 'application/msword': { schema: ERROR } };
    const document = apply(
      documentWith({
        'get /leads/{id}/resume': {
          operationId: 'Leads_resume',
          responses: {
            200: { description: 'file', content: { 'application/pdf': { schema: {} } } },
            404: { description: 'none', content: pdf },
          },
        },
      }),
      { Leads_resume: {} },
    );
    const responses = operation(document, 'get /leads/{id}/resume').responses;
    expect(Object.keys(responses['200'].content)).toEqual(['application/pdf']);
    expect(responses['404'].content).toEqual(json(ERROR).content);
  });

  it('gives every header a schema (whole numbers where they are) and 429 a Retry-After', () => {
    const document = apply(
      documentWith({
        'get /leads': {
          operationId: 'Leads_list',
          responses: {
            200: { description: 'x', headers: { 'X-Total-Count': {}, Link: { description: 'l' } } },
            429: { description: 'slow down', ...json(ERROR) },
          },
        },
      }),
      { Leads_list: {} },
    );
    const responses = operation(document, 'get /leads').responses;
    expect(responses['200'].headers).toEqual({
      'X-Total-Count': { schema: { type: 'integer', minimum: 0 } },
      Link: { description: 'l', schema: { type: 'string' } },
    });
    expect(responses['429'].headers['Retry-After']).toMatchObject({
      required: true,
      schema: { type: 'integer', minimum: 0 },
    });
  });

  it('refuses an operation whose route metadata it cannot find', () => {
    const document = documentWith({ 'get /x': { operationId: 'Unknown_x' } });
    expect(() => apply(document, {})).toThrow('No route metadata for GET /x (Unknown_x)');
  });
});
