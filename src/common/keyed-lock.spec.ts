import { KeyedLock } from './keyed-lock';

/** A task that records when it runs and finishes only when told to. */
function gated(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    finish,
    task: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('runs tasks of one key one after the other, in arrival order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const runs = [lock.run(['ip:1'], a.task), lock.run(['ip:1'], b.task)];
    await tick();
    expect(log).toEqual(['start a']);
    a.finish();
    b.finish();
    await Promise.all(runs);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('does not hold up a task whose keys are all free', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const runs = [lock.run(['ip:1', 'user:x'], a.task), lock.run(['ip:2', 'user:y'], b.task)];
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    a.finish();
    await Promise.all(runs);
  });

  it('waits for every key it shares, and releases them after a failure', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const a = gated(log, 'a');
    const first = lock.run(['ip:1'], a.task);
    const failing = lock.run(['user:x'], () => Promise.reject(new Error('wrong password')));
    await expect(failing).rejects.toThrow('wrong password');
    const b = gated(log, 'b');
    const second = lock.run(['user:x', 'ip:1'], b.task);
    await tick();
    expect(log).toEqual(['start a']);
    a.finish();
    b.finish();
    await Promise.all([first, second]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
