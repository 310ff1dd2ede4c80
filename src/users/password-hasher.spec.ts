import { bcryptConcurrency } from './password-hasher';

describe('bcryptConcurrency', () => {
  it('leaves a core for the event loop and the database on a 2-core machine', () => {
    expect(bcryptConcurrency(4, 2)).toBe(1);
  });

  it('uses at most half the libuv thread pool on a big machine', () => {
    expect(bcryptConcurrency(4, 16)).toBe(2);
    expect(bcryptConcurrency(16, 16)).toBe(8);
  });

  it('always allows one hash at a time', () => {
    expect(bcryptConcurrency(1, 1)).toBe(1);
  });
});
