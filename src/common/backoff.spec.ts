import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const config = { retryBaseMs: 1000, retryMaxMs: 60_000 };

  it('doubles with each attempt', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, config, top))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap', () => {
    expect(retryDelayMs(30, config, () => 0.999_999)).toBe(60_000);
  });

  it('spreads retries between half and all of the delay', () => {
    expect(retryDelayMs(3, config, () => 0)).toBe(2000);
    const samples = Array.from({ length: 200 }, () => retryDelayMs(3, config));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(4000);
    expect(new Set(samples).size).toBeGreaterThan(10);
  });
});
