type Json = Record<string, unknown>;

const NULL_SCHEMA = { type: 'null' } as const;

/** Keywords whose values are data (or names), not schemas: never rewritten. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const', 'required']);
/** Maps from names to schemas (or to objects holding schemas): a key here is never a keyword. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'schemas', 'responses']);

/**
 * Rewrites OpenAPI 3.0's `nullable` into OpenAPI 3.1 (JSON Schema 2020-12), which has no such
 * keyword and ignores it: `@ApiProperty({ type: String, nullable: true })` becomes
 * `type: ['string', 'null']`, and `@ApiProperty({ type: StaffRef, nullable: true })`, which Nest
 * emits as `{ nullable: true, allOf: [{ $ref }] }` (a schema that refuses `null` whatever 3.0
 * tools make of it), becomes `anyOf: [{ $ref }, { type: 'null' }]`. anyOf rather than oneOf so a
 * referenced schema that itself admits null still validates. Works on the whole document in place.
 */
export function spellNullableAs31(node: unknown, parentKey = ''): void {
  if (Array.isArray(node)) {
    node.forEach((item) => spellNullableAs31(item));
    return;
  }
  if (!isObject(node)) return;
  const namesOnly = NAME_MAPS.has(parentKey);
  for (const [key, value] of Object.entries(node)) {
    if (namesOnly || !DATA_KEYWORDS.has(key)) spellNullableAs31(value, namesOnly ? '' : key);
  }
  if (!namesOnly && typeof node.nullable === 'boolean') rewriteNullable(node);
}

function rewriteNullable(schema: Json): void {
  const nullable = schema.nullable;
  delete schema.nullable;
  if (!nullable) return;
  const { allOf, $ref, type } = schema;
  const union = (['anyOf', 'oneOf'] as const).find((k) => Array.isArray(schema[k]));
  if (Array.isArray(allOf)) {
    // Nest's wrapper around a reference: its `type: 'object'` would refuse null again.
    delete schema.allOf;
    delete schema.type;
    schema.anyOf = [allOf.length === 1 ? allOf[0] : { allOf }, NULL_SCHEMA];
  } else if (typeof $ref === 'string') {
    delete schema.$ref;
    schema.anyOf = [{ $ref }, NULL_SCHEMA];
  } else if (union) {
    const branches = schema[union] as unknown[];
    if (!branches.some(isNullSchema)) branches.push(NULL_SCHEMA);
  } else if (typeof type === 'string') {
    schema.type = [type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  }
  // No type at all: the schema already admits null.
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNullSchema = (value: unknown): boolean => isObject(value) && value.type === 'null';
