import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface Header {
  required?: boolean;
  schema?: Json;
}
interface MediaType {
  schema?: Json;
}
interface ResponseSpec {
  content?: Record<string, MediaType>;
  headers?: Record<string, Header>;
}
interface Operation {
  responses: Record<string, ResponseSpec>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

/** One HTTP answer, however it was obtained (supertest, fetch). Header names in lower case. */
export interface Answer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/**
 * Headers that carry the API's own meaning: when an answer has one, the document must describe
 * it. (Generic HTTP headers such as Content-Type, Cache-Control or the security headers are not
 * part of the contract.)
 */
const CONTRACT_HEADERS = [
  'location',
  'link',
  'x-total-count',
  'retry-after',
  'www-authenticate',
  'idempotent-replayed',
];
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments first: /users/me wins over /users/{id}. */
  literals: number;
  operation: Operation;
}

/**
 * Checks answers against the published document: status documented, media type documented,
 * JSON body valid against the response schema (ajv, JSON Schema 2020-12, every error reported),
 * contract headers documented and well-formed. Stricter than the document in one way: an object
 * may not carry properties the document does not list (clients would not know of them).
 */
export class OpenApiContract {
  /** `METHOD /template status` of every answer checked. */
  readonly answered = new Set<string>();
  /** Every mismatch found, prefixed with the answer it was found in. */
  readonly mismatches: string[] = [];
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Route[];
  private readonly definitions: Record<string, unknown>;

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // OpenAPI's own schema keywords and formats, which JSON Schema does not define.
    this.ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
    this.ajv.addFormat('binary', true);
    this.ajv.addFormat('password', true);
    this.definitions = strictCopy(document.components.schemas, '$defs') as Record<string, unknown>;
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => METHODS.has(method))
          .map(([method, operation]) => ({
            method: method.toUpperCase(),
            template,
            pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
            literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
            operation,
          })),
      )
      .sort((a, b) => b.literals - a.literals);
  }

  /** Every `METHOD /template` in the document. */
  operations(): string[] {
    return this.routes.map((r) => `${r.method} ${r.template}`);
  }

  /** Every `METHOD /template status` the document declares. */
  documentedStatuses(): string[] {
    return this.routes.flatMap((r) =>
      Object.keys(r.operation.responses).map((status) => `${r.method} ${r.template} ${status}`),
    );
  }

  /** Every way `answer` departs from the document (empty when it conforms); recorded. */
  check(answer: Answer): string[] {
    const route = this.routes.find(
      (r) => r.method === answer.method && r.pattern.test(answer.path),
    );
    if (!route) return this.report(`${answer.method} ${answer.path}`, ['not in the document']);
    const key = `${route.method} ${route.template}`;
    this.answered.add(`${key} ${answer.status}`);
    const responses = route.operation.responses;
    const response = responses[answer.status] ?? responses[`${String(answer.status)[0]}XX`];
    const where = `${key} → ${answer.status}`;
    if (!response) return this.report(where, [`status ${answer.status} is not documented`]);
    return this.report(where, [
      ...this.bodyProblems(`${where}`, response, answer),
      ...headerProblems(response, answer),
    ]);
  }

  private bodyProblems(key: string, response: ResponseSpec, answer: Answer): string[] {
    const mediaType = answer.headers['content-type']?.split(';')[0].trim().toLowerCase();
    const hasBody =
      Number(answer.headers['content-length'] ?? 0) > 0 || !!answer.headers['transfer-encoding'];
    const documented = Object.keys(response.content ?? {});
    if (!hasBody) {
      return documented.length > 0 ? [`has no body; documented: ${documented.join(', ')}`] : [];
    }
    if (!mediaType || !documented.includes(mediaType)) {
      return [
        `answers ${mediaType ?? 'no Content-Type'}; documented: ${documented.join(', ') || 'no body'}`,
      ];
    }
    const schema = response.content?.[mediaType]?.schema;
    if (mediaType !== 'application/json' || !schema) return [];
    const validate = this.validator(`${key} ${mediaType}`, schema);
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `body${e.instancePath} ${e.message ?? 'is invalid'}` +
        (e.keyword === 'unevaluatedProperties'
          ? ` (${String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty)})`
          : ''),
    );
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...(strictCopy(schema) as Json), $defs: this.definitions });
      this.validators.set(key, validate);
    }
    return validate;
  }

  private report(where: string, problems: string[]): string[] {
    const found = problems.map((p) => `${where}: ${p}`);
    this.mismatches.push(...found);
    return found;
  }
}

function headerProblems(response: ResponseSpec, answer: Answer): string[] {
  const documented = new Map(
    Object.entries(response.headers ?? {}).map(([name, h]) => [name.toLowerCase(), h]),
  );
  const problems: string[] = [];
  for (const name of CONTRACT_HEADERS) {
    const value = answer.headers[name];
    if (value !== undefined && !documented.has(name))
      problems.push(`header ${name} is not documented`);
  }
  for (const [name, header] of documented) {
    const value = answer.headers[name];
    if (value === undefined) {
      if (header.required) problems.push(`required header ${name} is missing`);
    } else if (!headerValueFits(value, header.schema)) {
      problems.push(
        `header ${name}: ${JSON.stringify(value)} does not fit ${JSON.stringify(header.schema)}`,
      );
    }
  }
  return problems;
}

/** Header values are text; an integer header must read as a whole number within its bounds. */
function headerValueFits(value: string, schema: Json | undefined): boolean {
  if (schema?.type !== 'integer') return true;
  if (!/^\d+$/.test(value)) return false;
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
  return Number(value) >= minimum;
}

/**
 * A copy of a schema for validation: `#/components/schemas/X` references point into `$defs`,
 * and every object schema that lists its properties refuses others (`unevaluatedProperties`,
 * which sees through anyOf/oneOf/allOf).
 */
function strictCopy(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((item) => strictCopy(item));
  if (typeof node !== 'object' || node === null) return node;
  const names = ['properties', '$defs', 'patternProperties'].includes(parentKey);
  const data = !names && ['example', 'examples', 'default', 'enum', 'const'].includes(parentKey);
  if (data) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      !names && key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', '#/$defs/')
        : strictCopy(value, names ? '' : key);
  }
  if (
    !names &&
    copy.properties &&
    copy.additionalProperties === undefined &&
    copy.unevaluatedProperties === undefined
  ) {
    copy.unevaluatedProperties = false;
  }
  return copy;
}
