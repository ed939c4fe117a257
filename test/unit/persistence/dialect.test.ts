import { placeholders, toDbDate, truncate } from '../../../src/persistence/dialect';

describe('dialect helpers', () => {
  it('formats instants as UTC `YYYY-MM-DD HH:MM:SS.mmm`, years beyond 9999 as before', () => {
    expect(toDbDate(new Date('2026-12-07T13:10:20.123Z'))).toBe('2026-12-07 13:10:20.123');
    expect(toDbDate(new Date('0001-01-01T00:00:00.000Z'))).toBe('0001-01-01 00:00:00.000');
    const far = new Date('+010000-01-01T00:00:00.000Z');
    expect(toDbDate(far)).toBe(far.toISOString().replace('T', ' ').replace('Z', ''));
  });

  it('lists placeholders for any count', () => {
    for (const count of [0, 1, 2, 17, 64, 65, 1000])
      expect(placeholders(count)).toBe(Array.from({ length: count }, () => '?').join(', '));
  });

  it('cuts by code points, and leaves short values as they are', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('abc');
    expect(truncate('😀😀', 2)).toBe('😀😀');
    expect(truncate('😀😀😀', 2)).toBe('😀😀');
    expect(truncate('a😀', 1)).toBe('a');
  });
});
