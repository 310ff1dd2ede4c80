import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const cache = () => new TtlCache<number>(1000, 3, () => now);

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

  it('shares one computation between callers asking at once, and forgets a failed one', async () => {
    const c = cache();
    let finish!: (n: number) => void;
    const count = jest.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const both = Promise.all([c.get('all', count), c.get('all', count)]);
    finish(4);
    expect(await both).toEqual([4, 4]);
    expect(count).toHaveBeenCalledTimes(1);

    const failing = jest
      .fn()
      .mockRejectedValueOnce(new Error('database away'))
      .mockResolvedValue(9);
    await expect(c.get('state=DECLINED', failing)).rejects.toThrow('database away');
    expect(await c.get('state=DECLINED', failing)).toBe(9);
  });
});
