import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('writes a lone item at once, and what arrives during a write in the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const coalescer = new Coalescer<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await firstWrite;
    });

    const first = coalescer.add(1);
    const rest = [2, 3, 4].map((n) => coalescer.add(n));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects the items of a failed batch only, and keeps writing the next ones', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const coalescer = new Coalescer<string>(async (items) => {
      calls += 1;
      if (calls === 1) {
        await gate;
        throw new Error(`could not write ${items.join(',')}`);
      }
    });

    const failed = coalescer.add('a');
    const later = coalescer.add('b');
    release();
    await expect(failed).rejects.toThrow('could not write a');
    await expect(later).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
