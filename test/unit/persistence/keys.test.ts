import { KEY_LENGTH, reachesKeyLength, storedKey } from '../../../src/persistence/keys';

describe('stored keys', () => {
  const astral = '\u{1F600}'; // one code point, two UTF-16 units

  it('keeps a key of at most KEY_LENGTH code points as it is', () => {
    expect(storedKey('ann@example.com')).toBe('ann@example.com');
    expect(storedKey('a'.repeat(KEY_LENGTH))).toBe('a'.repeat(KEY_LENGTH));
    // Longer than KEY_LENGTH in UTF-16 units, not in code points.
    const wide = astral.repeat(KEY_LENGTH);
    expect(wide.length).toBeGreaterThan(KEY_LENGTH);
    expect(storedKey(wide)).toBe(wide);
  });

  it('cuts a longer key to KEY_LENGTH code points without splitting a surrogate pair', () => {
    expect(storedKey('a'.repeat(KEY_LENGTH + 1))).toBe('a'.repeat(KEY_LENGTH));
    expect(storedKey(astral.repeat(KEY_LENGTH + 3))).toBe(astral.repeat(KEY_LENGTH));
    expect(storedKey(`${'a'.repeat(KEY_LENGTH - 1)}${astral}${astral}`)).toBe(
      `${'a'.repeat(KEY_LENGTH - 1)}${astral}`,
    );
  });

  it('tells whether a key may have been cut by counting code points', () => {
    expect(reachesKeyLength('a'.repeat(KEY_LENGTH - 1))).toBe(false);
    expect(reachesKeyLength('a'.repeat(KEY_LENGTH))).toBe(true);
    expect(reachesKeyLength(astral.repeat(KEY_LENGTH - 1))).toBe(false);
    expect(reachesKeyLength(astral.repeat(KEY_LENGTH))).toBe(true);
  });
});
