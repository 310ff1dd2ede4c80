import Ajv2020 from 'ajv/dist/2020';
import { spellNullableAs31 } from './nullable-schemas';

const STAFF_REF = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
};

/** What Nest 11 emits for `@ApiProperty({ type: StaffRef, nullable: true })`. */
const nestNullableRef = () => ({
  nullable: true,
  type: 'object',
  description: 'Who',
  allOf: [{ $ref: '#/$defs/StaffRef' }],
});

const rewritten = (schema: unknown) => {
  spellNullableAs31(schema);
  return schema;
};

describe('spellNullableAs31', () => {
  it('turns a nullable reference into anyOf [reference, null], keeping its description', () => {
    expect(rewritten(nestNullableRef())).toEqual({
      description: 'Who',
      anyOf: [{ $ref: '#/$defs/StaffRef' }, { type: 'null' }],
    });
  });

  it('makes a strict JSON Schema validator accept null and the object, and nothing else', () => {
    const ajv = new Ajv2020({ strict: true });
    const asNestEmitsIt = ajv.compile({
      $defs: { StaffRef: STAFF_REF },
      ...nestNullableRef(),
      nullable: undefined,
    });
    expect(asNestEmitsIt(null)).toBe(false);
    const validate = new Ajv2020({ strict: true }).compile({
      $defs: { StaffRef: STAFF_REF },
      ...(rewritten(nestNullableRef()) as object),
    });
    expect([validate(null), validate({ id: 'u1' }), validate({}), validate('x')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('adds null to the type and to the enum of a nullable scalar', () => {
    expect(rewritten({ type: 'string', format: 'date-time', nullable: true })).toEqual({
      type: ['string', 'null'],
      format: 'date-time',
    });
    expect(rewritten({ type: 'string', enum: ['a', 'b'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', 'b', null],
    });
  });

  it('adds a null branch to a nullable oneOf once, and drops nullable: false', () => {
    const union = { oneOf: [{ type: 'string' }, { type: 'null' }], nullable: true };
    expect(rewritten(union)).toEqual({ oneOf: [{ type: 'string' }, { type: 'null' }] });
    expect(rewritten({ type: 'string', nullable: false })).toEqual({ type: 'string' });
  });

  it('rewrites nested schemas, but not example data or properties named like keywords', () => {
    const schema = {
      type: 'object',
      properties: {
        nullable: { type: 'boolean' },
        default: { type: 'string', nullable: true },
        owner: nestNullableRef(),
      },
      example: { nullable: true, default: null },
    };
    expect(rewritten(schema)).toEqual({
      type: 'object',
      properties: {
        nullable: { type: 'boolean' },
        default: { type: ['string', 'null'] },
        owner: { description: 'Who', anyOf: [{ $ref: '#/$defs/StaffRef' }, { type: 'null' }] },
      },
      example: { nullable: true, default: null },
    });
  });
});
