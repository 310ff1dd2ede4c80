import { FailureWindow } from './failure-window';

describe('FailureWindow', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('blocks a key after `limit` failures until its window ends', () => {
    const w = new FailureWindow(3, 60_000, 100, clock);
    for (let i = 0; i < 3; i++) {
      expect(w.retryAfterSeconds('ip:a')).toBe(0);
      w.recordFailure('ip:a');
    }
    expect(w.retryAfterSeconds('ip:a')).toBe(60);
    now += 30_500;
    expect(w.retryAfterSeconds('ip:a')).toBe(30);
    now += 30_000;
    expect(w.retryAfterSeconds('ip:a')).toBe(0);
  });

  it('counts keys independently and forgets a key on reset', () => {
    const w = new FailureWindow(1, 60_000, 100, clock);
    w.recordFailure('user:x');
    expect(w.retryAfterSeconds('user:x')).toBeGreaterThan(0);
    expect(w.retryAfterSeconds('user:y')).toBe(0);
    w.reset('user:x');
    expect(w.retryAfterSeconds('user:x')).toBe(0);
  });

  it('stays bounded when flooded with distinct keys', () => {
    const w = new FailureWindow(1, 60_000, 10, clock);
    for (let i = 0; i < 1000; i++) w.recordFailure(`ip:${i}`);
    expect((w as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(
      10,
    );
    expect(w.retryAfterSeconds('ip:999')).toBeGreaterThan(0);
  });
});
