import { KeyedLock } from '../../../../src/scim/concurrency/keyed-lock';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('runs work of one key one at a time, in arrival order', async () => {
    const sut = new KeyedLock();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      sut.run('a', job('1')),
      sut.run('a', job('2')),
      sut.run('a', job('3')),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets work of different keys run side by side', async () => {
    const sut = new KeyedLock();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([sut.run('a', job('a')), sut.run('b', job('b'))]);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('releases the key when work fails, and forgets drained keys', async () => {
    const sut = new KeyedLock();
    const failing = sut.run('a', async () => {
      throw new Error('boom');
    });
    const next = sut.run('a', async () => 'after');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
    expect(sut.size).toBe(0);
  });
});
