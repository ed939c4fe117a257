import { UsageError, parseArgs, parseExpiry } from '../../../src/cli/parse-args';

describe('parseArgs', () => {
  it('separates positionals from --name value options', () => {
    const sut = parseArgs(['token', 'create', '--org', 'acme', '--scopes=scim,identity:read']);
    expect(sut.positional).toEqual(['token', 'create']);
    expect(Object.fromEntries(sut.options)).toEqual({ org: 'acme', scopes: 'scim,identity:read' });
  });

  it('reads --platform as a flag without a value', () => {
    const sut = parseArgs(['token', 'create', '--platform', '--name', 'p']);
    expect(Object.fromEntries(sut.options)).toEqual({ platform: 'true', name: 'p' });
  });

  it('rejects an option without a value', () => {
    expect(() => parseArgs(['token', 'list', '--org'])).toThrow(UsageError);
  });
});

describe('parseExpiry', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['never', null],
    [undefined, null],
    ['30d', new Date('2026-01-31T00:00:00Z')],
  ])('reads %s', (input, expected) => {
    expect(parseExpiry(input, now)).toEqual(expected);
  });

  it.each(['0d', '30', 'tomorrow', '-1d'])('rejects %s', (input) => {
    expect(() => parseExpiry(input, now)).toThrow(UsageError);
  });
});
