import { ScryptPasswordHasher } from '../../../../src/domain/users/password-hasher';

describe('ScryptPasswordHasher', () => {
  it('keeps its own queue: a second hasher in the same process does not wait behind the first', async () => {
    const busy = new ScryptPasswordHasher(1);
    const other = new ScryptPasswordHasher(1);
    const started = [busy.hash('one'), busy.hash('two'), busy.hash('three')];
    const alone = other.hash('four');

    expect({ busy: busy.queued, other: other.queued }).toEqual({ busy: 2, other: 0 });
    await Promise.all([...started, alone]);
    expect({ busy: busy.queued, other: other.queued }).toEqual({ busy: 0, other: 0 });
  });

  it('verifies what it hashed and nothing else', async () => {
    const sut = new ScryptPasswordHasher();
    const stored = await sut.hash('correct horse');
    expect(await sut.verify('correct horse', stored)).toBe(true);
    expect(await sut.verify('wrong horse', stored)).toBe(false);
  });
});
