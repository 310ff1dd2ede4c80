import { uuidv7 } from './uuid7';

describe('uuidv7', () => {
  it('produces RFC 9562 version-7 variant-1 UUIDs', () => {
    expect(uuidv7()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sorts ids made in the same millisecond in creation order', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes backwards when the clock does', () => {
    const a = uuidv7(1_800_000_000_000);
    const b = uuidv7(1_799_999_999_000);
    expect(b > a).toBe(true);
  });
});
