import { scryptSync } from 'node:crypto';
import { ScryptPasswordHasher } from '../../../../src/domain/users/password-hasher';

// Nothing in the service verifies passwords yet (they are stored for the IdPs' sake), so `verify`
// is proven here, directly; test/integration/password-storage.test.ts checks what the APIs store.

/** scrypt, N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key, both base64. */
const STORED_FORMAT = /^scrypt\$32768\$8\$1\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/;

describe('ScryptPasswordHasher', () => {
  const sut = new ScryptPasswordHasher(2);

  it('stores scrypt$N$r$p$salt$hash, the hash being scrypt of the NFKC form with that salt', async () => {
    const stored = await sut.hash('Ｃｏｒｒｅｃｔ-horse-１');

    const [, salt, key] = STORED_FORMAT.exec(stored) ?? [];
    expect(salt).toBeDefined();
    const expected = scryptSync('Correct-horse-1', Buffer.from(salt!, 'base64'), 32, {
      N: 32768,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    expect(key).toBe(expected.toString('base64'));
  });

  it('hashes the same password differently twice (a fresh salt each time), and both verify', async () => {
    const [first, second] = [await sut.hash('same-Secret-1'), await sut.hash('same-Secret-1')];

    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
    expect(await sut.verify('same-Secret-1', first)).toBe(true);
    expect(await sut.verify('same-Secret-1', second)).toBe(true);
  });

  it('verifies the password and refuses any other', async () => {
    const stored = await sut.hash('t1meMa$heen');

    expect(await sut.verify('t1meMa$heen', stored)).toBe(true);
    for (const wrong of ['t1meMa$hee', 't1meMa$heen ', 'T1MEMA$HEEN', ''])
      expect(await sut.verify(wrong, stored)).toBe(false);
  });

  it.each([
    ['full-width letters and digits', 'Ｐａｓｓｗｏｒｄ１２', 'Password12'],
    ['a ligature', 'ﬁnal-answer', 'final-answer'],
    ['decomposed and composed accents', 'cafe\u0301-noir', 'caf\u00e9-noir'],
  ])('treats passwords equal under NFKC as equal: %s', async (_name, stored, typed) => {
    const hash = await sut.hash(stored);

    expect(await sut.verify(typed, hash)).toBe(true);
    expect(await sut.verify(`${typed}x`, hash)).toBe(false);
  });

  it.each(['t1meMa$heen', '', 'bcrypt$10$abc', 'scrypt$32768$8$1$$'])(
    'refuses a stored value that is not a scrypt hash: %j',
    async (stored) => {
      expect(await sut.verify('t1meMa$heen', stored)).toBe(false);
    },
  );

  it('keeps its own queue: a second hasher in the same process does not wait behind the first', async () => {
    const busy = new ScryptPasswordHasher(1);
    const other = new ScryptPasswordHasher(1);
    const started = [busy.hash('one'), busy.hash('two'), busy.hash('three')];
    const alone = other.hash('four');

    expect({ busy: busy.queued, other: other.queued }).toEqual({ busy: 2, other: 0 });
    await Promise.all([...started, alone]);
    expect({ busy: busy.queued, other: other.queued }).toEqual({ busy: 0, other: 0 });
  });
});
