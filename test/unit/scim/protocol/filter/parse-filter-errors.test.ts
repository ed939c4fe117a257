import { parseFilter } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

describe('parseFilter rejects invalid filters with 400 invalidFilter', () => {
  const rows: { input: string; detail: RegExp }[] = [
    { input: '', detail: /Unexpected end of filter at position 0/ },
    { input: '   ', detail: /end of filter at position 3/ },
    {
      input: 'userName',
      detail: /Unexpected end of filter at position 8; expected "pr" or a comparison operator/,
    },
    { input: 'userName eq', detail: /end of filter at position 11; expected a value/ },
    { input: 'userName xx "a"', detail: /Unexpected "xx" at position 9/ },
    { input: 'userName eq john', detail: /Unexpected "john" at position 12; expected a value/ },
    { input: 'userName eq "x" )', detail: /Unexpected "\)" at position 16; expected end of filter/ },
    { input: '(userName eq "x"', detail: /end of filter at position 16; expected "\)"/ },
    { input: 'userName eq "x" and', detail: /end of filter at position 19/ },
    { input: 'userName eq "x" xor title pr', detail: /Unexpected "xor" at position 16/ },
    { input: 'userName eq "unterminated', detail: /Unterminated string starting at position 12/ },
    { input: 'userName eq "bad \\x escape"', detail: /Invalid escape "\\\\x" at position 17/ },
    { input: 'userName eq "\\u12G4"', detail: /Invalid \\u escape at position 13/ },
    { input: 'age eq 01', detail: /Invalid number "01" at position 7/ },
    { input: 'age eq 1.', detail: /Invalid number "1." at position 7/ },
    { input: 'age eq -', detail: /Invalid number "-" at position 7/ },
    { input: 'age eq 1e999', detail: /out of range/ },
    { input: 'userName eq "x" # title pr', detail: /Unexpected character "#" at position 16/ },
    { input: '1abc pr', detail: /Invalid number "1abc" at position 0/ },
    {
      input: 'name..givenName pr',
      detail: /Unexpected "name..givenName" at position 0; expected an attribute path/,
    },
    { input: 'a.b.c pr', detail: /expected an attribute path/ },
    { input: 'urn:x pr', detail: /expected an attribute path/ },
    { input: 'not title pr', detail: /Unexpected "title" at position 4/ },
    { input: 'emails[type eq "work"', detail: /end of filter at position 21; expected "\]"/ },
    { input: 'emails[type eq "work"]] ', detail: /Unexpected "\]" at position 22/ },
    {
      input: 'emails[name.givenName pr]',
      detail: /sub-attribute name inside "\[\.\.\.\]" but found "name.givenName" at position 7/,
    },
    { input: 'emails[members[value pr]]', detail: /cannot be nested/ },
    { input: 'emails.value[type pr]', detail: /cannot be nested or follow a sub-attribute/ },
    {
      input: 'emails[type eq "work"].value',
      detail: /end of filter at position 28; expected "pr" or a comparison operator after ".value"/,
    },
    {
      input: 'emails[type eq "work"].a.b eq "x"',
      detail: /Unexpected ".a.b" at position 22; expected a sub-attribute name after "\]"/,
    },
    { input: 'emails[type eq "work"] .value eq "x"', detail: /Unexpected ".value" at position 23/ },
    { input: 'title pr pr', detail: /Unexpected "pr" at position 9/ },
    { input: '()', detail: /Unexpected "\)" at position 1/ },
  ];

  it.each(rows)('rejects $input', ({ input, detail }) => {
    const error = expectScimError(() => parseFilter(input), 400, 'invalidFilter');
    expect(error.detail).toMatch(detail);
  });

  it('rejects a 100,000 character filter without tokenizing it', () => {
    // A character the tokenizer refuses sits past the limit: had the filter been tokenized, the
    // error would name that character instead of the length.
    const input = `userName eq "${'x'.repeat(100_000)}" and ~`;
    const tokenized = expectScimError(() => parseFilter('userName eq "x" and ~'), 400, 'invalidFilter');
    expect(tokenized.detail).not.toMatch(/characters long/);
    const error = expectScimError(() => parseFilter(input), 400, 'invalidFilter');
    expect(error.detail).toMatch(/100020 characters long; the maximum is 10000/);
  });

  it('accepts a 10,000 character filter', () => {
    const input = `userName eq "${'x'.repeat(10_000 - 14)}"`;
    expect(input).toHaveLength(10_000);
    expect(parseFilter(input)).toMatchObject({ kind: 'compare' });
  });

  it('honours a custom length limit', () => {
    expectScimError(() => parseFilter('userName eq "abc"', { maxLength: 10 }), 400, 'invalidFilter');
  });

  it('rejects nesting deeper than 50 levels', () => {
    const nested = `${'('.repeat(51)}a pr${')'.repeat(51)}`;
    const error = expectScimError(() => parseFilter(nested), 400, 'invalidFilter');
    expect(error.detail).toBe('The filter nests deeper than 50 levels at position 50');
  });

  it('accepts nesting of exactly 50 levels', () => {
    expect(parseFilter(`${'('.repeat(50)}a pr${')'.repeat(50)}`)).toEqual({
      kind: 'present',
      path: { attribute: 'a' },
    });
  });

  it('counts not and brackets as nesting', () => {
    const nested = `${'not ('.repeat(30)}emails[${'('.repeat(25)}type pr${')'.repeat(25)}]${')'.repeat(30)}`;
    expectScimError(() => parseFilter(nested), 400, 'invalidFilter');
  });
});
