import { startTestApp, type TestApp } from './support/test-app';

interface Operation {
  security?: Record<string, string[]>[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<
      string,
      { type: string; flows?: { password?: { tokenUrl: string; scopes: object } } }
    >;
  };
}

const ROUTES: [string, string][] = [
  ['POST', '/auth/token'],
  ['GET', '/leads'],
  ['POST', '/leads'],
  ['GET', '/leads/{id}'],
  ['PUT', '/leads/{id}'],
  ['GET', '/users'],
  ['POST', '/users'],
  ['PATCH', '/users/{id}'],
  ['GET', '/users/me'],
  ['GET', '/health'],
  ['GET', '/health/ready'],
];
const PUBLIC_ROUTES = ['POST /auth/token', 'POST /leads', 'GET /health', 'GET /health/ready'];
const STAFF_ROUTES = ROUTES.filter(
  ([method, path]) => !PUBLIC_ROUTES.includes(`${method} ${path}`),
);
const operation = (doc: OpenApiDocument, method: string, path: string): Operation | undefined =>
  doc.paths[path]?.[method.toLowerCase()];

describe('OpenAPI document and Swagger UI (e2e)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http().get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body as OpenApiDocument;
  });
  afterAll(() => t.close());

  it('serves an OpenAPI 3 document at /docs-json without a token', () => {
    expect(doc.openapi).toMatch(/^3\./);
  });

  it.each(ROUTES)('documents %s %s', (method, path) => {
    expect(operation(doc, method, path)).toBeDefined();
  });

  it('offers the OAuth2 password flow with tokenUrl /auth/token', () => {
    const flows = Object.values(doc.components.securitySchemes)
      .filter((s) => s.type === 'oauth2')
      .map((s) => s.flows?.password?.tokenUrl);
    expect(flows).toEqual(['/auth/token']);
  });

  it.each(STAFF_ROUTES)('marks %s %s as needing the OAuth2 scheme', (method, path) => {
    const schemes = (operation(doc, method, path)?.security ?? []).flatMap((s) => Object.keys(s));
    expect(schemes.length).toBeGreaterThan(0);
    for (const name of schemes) {
      expect(doc.components.securitySchemes[name]?.type).toBe('oauth2');
    }
  });

  it('leaves the public routes without a security requirement', () => {
    for (const route of PUBLIC_ROUTES) {
      const [method, path] = route.split(' ');
      expect(operation(doc, method, path)).toBeDefined();
      expect(operation(doc, method, path)?.security ?? []).toEqual([]);
    }
  });

  it('documents the token endpoint as a form post', () => {
    const op = doc.paths['/auth/token'].post as Operation & {
      requestBody?: { content: Record<string, unknown> };
    };
    expect(Object.keys(op.requestBody?.content ?? {})).toEqual([
      'application/x-www-form-urlencoded',
    ]);
  });

  it('serves the Swagger UI at /docs as HTML', async () => {
    const res = await t.http().get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
  });
});

describe('With SWAGGER_ENABLED=false (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SWAGGER_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('serves neither /docs nor /docs-json, and the API still answers', async () => {
    expect((await t.http().get('/docs-json')).status).toBe(404);
    expect((await t.http().get('/docs')).status).toBe(404);
    expect((await t.http().get('/health')).status).toBe(200);
  });
});
