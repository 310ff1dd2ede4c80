import { CountCache } from './count-cache';

describe('CountCache', () => {
  let now = 0;
  const cache = () => new CountCache(1000, 3, () => now);

  it('answers from memory within the TTL and counts again after it', async () => {
    const c = cache();
    const count = jest.fn().mockResolvedValueOnce(5).mockResolvedValueOnce(7);
    expect(await c.get('all', count)).toBe(5);
    now += 999;
    expect(await c.get('all', count)).toBe(5);
    now += 1;
    expect(await c.get('all', count)).toBe(7);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('keeps keys apart and forgets everything on clear()', async () => {
    const c = cache();
    expect(await c.get('state=PENDING', () => Promise.resolve(1))).toBe(1);
    expect(await c.get('state=REACHED_OUT', () => Promise.resolve(2))).toBe(2);
    c.clear();
    expect(await c.get('state=PENDING', () => Promise.resolve(3))).toBe(3);
  });

  it('stays bounded', async () => {
    const c = cache();
    for (let i = 0; i < 10; i++) await c.get(`q=${i}`, () => Promise.resolve(i));
    expect((c as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(3);
  });
});
