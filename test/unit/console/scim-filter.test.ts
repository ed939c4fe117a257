import { parseScimFilter, searchFilter } from '../../../console/src/common/scim-filter';

/** The console's users/groups search box: SCIM filter text → the API's structured Filter. */
describe('console SCIM filter translation', () => {
  it('translates comparisons, pr, and/or precedence, not, parentheses and value paths', () => {
    expect(parseScimFilter('userName eq "a@b.c"')).toEqual({
      condition: { attribute: 'userName', op: 'EQ', value: 'a@b.c' },
    });
    expect(parseScimFilter('title pr or active eq true and x le 3')).toEqual({
      or: [
        { condition: { attribute: 'title', op: 'PR' } },
        {
          and: [
            { condition: { attribute: 'active', op: 'EQ', value: true } },
            { condition: { attribute: 'x', op: 'LE', value: 3 } },
          ],
        },
      ],
    });
    expect(parseScimFilter('not (displayName SW "Sa\\"les") and (a ne null)')).toEqual({
      and: [
        { not: { condition: { attribute: 'displayName', op: 'SW', value: 'Sa"les' } } },
        { condition: { attribute: 'a', op: 'NE', value: null } },
      ],
    });
    expect(parseScimFilter('emails[type eq "work" and value ew "@example.com"]')).toEqual({
      some: {
        attribute: 'emails',
        filter: {
          and: [
            { condition: { attribute: 'type', op: 'EQ', value: 'work' } },
            { condition: { attribute: 'value', op: 'EW', value: '@example.com' } },
          ],
        },
      },
    });
  });

  it.each([
    ['userName eq bob', /quoted/],
    ['userName eq "open', /not closed/],
    ['(userName pr', /expected "\)"/],
    ['userName xx "a"', /operator/],
    ['userName pr extra', /unexpected/],
  ])('refuses %s', (text, message) => {
    expect(() => parseScimFilter(text)).toThrow(message);
  });

  it('treats plain text as co on the given attributes, and says why text that tried to be a filter is not one', () => {
    expect(searchFilter('  ', ['userName'])).toEqual({ kind: 'none' });
    expect(searchFilter('alice smith', ['userName', 'displayName'])).toEqual({
      kind: 'text',
      filter: {
        or: [
          { condition: { attribute: 'userName', op: 'CO', value: 'alice smith' } },
          { condition: { attribute: 'displayName', op: 'CO', value: 'alice smith' } },
        ],
      },
      notAFilter: undefined,
    });
    expect(searchFilter('userName eq bob', ['userName'])).toMatchObject({
      kind: 'text',
      notAFilter: expect.stringMatching(/quoted/),
    });
    expect(searchFilter('userName sw "a"', ['userName'])).toMatchObject({ kind: 'filter' });
  });
});
