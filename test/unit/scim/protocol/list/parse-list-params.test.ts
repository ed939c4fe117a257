import { parseListParams } from '../../../../../src/scim/protocol';
import type { ListParams, ListQuery, ScimType } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const limits = { maxResults: 100, defaultCount: 20 };
const defaults: ListParams = {
  pagination: { method: 'index', startIndex: 1 },
  count: 20,
  sortOrder: 'ascending',
  attributes: [],
  excludedAttributes: [],
};

describe('parseListParams', () => {
  const rows: { name: string; input: ListQuery; expected: ListParams }[] = [
    { name: 'no parameters', input: {}, expected: defaults },
    {
      name: 'startIndex and count',
      input: { startIndex: '21', count: '10' },
      expected: { ...defaults, pagination: { method: 'index', startIndex: 21 }, count: 10 },
    },
    { name: 'startIndex below 1 is 1', input: { startIndex: '0' }, expected: defaults },
    { name: 'a negative startIndex is 1', input: { startIndex: '-5' }, expected: defaults },
    { name: 'a negative count is 0', input: { count: '-1' }, expected: { ...defaults, count: 0 } },
    {
      name: 'count 0 asks for totalResults only',
      input: { count: '0' },
      expected: { ...defaults, count: 0 },
    },
    {
      name: 'count above maxResults is clamped',
      input: { count: '5000' },
      expected: { ...defaults, count: 100 },
    },
    {
      name: 'a huge count is clamped',
      input: { count: '99999999999999999999999' },
      expected: { ...defaults, count: 100 },
    },
    {
      name: 'numbers from a POST /.search body',
      input: { startIndex: 3, count: 5 },
      expected: { ...defaults, pagination: { method: 'index', startIndex: 3 }, count: 5 },
    },
    {
      name: 'empty values count as absent',
      input: { startIndex: '', count: '', sortOrder: '', filter: '' },
      expected: defaults,
    },
    {
      name: 'a filter',
      input: { filter: 'userName eq "bjensen"' },
      expected: {
        ...defaults,
        filter: { kind: 'compare', path: { attribute: 'userName' }, op: 'eq', value: 'bjensen' },
      },
    },
    {
      name: 'sortBy defaults to ascending',
      input: { sortBy: 'name.familyName' },
      expected: { ...defaults, sortBy: { attribute: 'name', subAttribute: 'familyName' } },
    },
    {
      name: 'sortOrder is case-insensitive',
      input: { sortBy: 'userName', sortOrder: 'DESCENDING' },
      expected: { ...defaults, sortBy: { attribute: 'userName' }, sortOrder: 'descending' },
    },
    {
      name: 'attributes and excludedAttributes',
      input: { attributes: 'userName,emails', excludedAttributes: 'meta' },
      expected: { ...defaults, attributes: ['userName', 'emails'], excludedAttributes: ['meta'] },
    },
    {
      name: 'an empty cursor starts cursor pagination',
      input: { cursor: '' },
      expected: { ...defaults, pagination: { method: 'cursor', cursor: '' } },
    },
    {
      name: 'a cursor from nextCursor',
      input: { cursor: 'VZUTiyhEQJ94IR', count: '10' },
      expected: { ...defaults, pagination: { method: 'cursor', cursor: 'VZUTiyhEQJ94IR' }, count: 10 },
    },
  ];

  it.each(rows)('parses $name', ({ input, expected }) => {
    expect(parseListParams(input, limits)).toEqual(expected);
  });

  const invalid: { name: string; input: ListQuery; scimType: ScimType }[] = [
    { name: 'count=abc', input: { count: 'abc' }, scimType: 'invalidValue' },
    { name: 'startIndex=x', input: { startIndex: 'x' }, scimType: 'invalidValue' },
    { name: 'a fractional count', input: { count: '1.5' }, scimType: 'invalidValue' },
    { name: 'a fractional number from JSON', input: { count: 2.5 }, scimType: 'invalidValue' },
    { name: 'a repeated parameter', input: { count: ['1', '2'] }, scimType: 'invalidValue' },
    {
      name: 'an unknown sortOrder',
      input: { sortBy: 'userName', sortOrder: 'up' },
      scimType: 'invalidValue',
    },
    { name: 'a malformed sortBy', input: { sortBy: 'user name' }, scimType: 'invalidValue' },
    { name: 'a filter that is not a string', input: { filter: { op: 'eq' } }, scimType: 'invalidValue' },
    { name: 'an invalid filter', input: { filter: 'userName eq' }, scimType: 'invalidFilter' },
    {
      name: 'a malformed attributes list',
      input: { attributes: 'emails[type eq "work"]' },
      scimType: 'invalidValue',
    },
    {
      name: 'both startIndex and cursor',
      input: { startIndex: '1', cursor: 'abc' },
      scimType: 'invalidValue',
    },
    { name: 'a cursor with reserved characters', input: { cursor: 'a/b+c=' }, scimType: 'invalidCursor' },
    { name: 'a cursor that is not a string', input: { cursor: 5 }, scimType: 'invalidCursor' },
  ];

  it.each(invalid)('rejects $name with 400 $scimType', ({ input, scimType }) => {
    expectScimError(() => parseListParams(input, limits), 400, scimType);
  });

  it('rejects a filter longer than the configured maximum', () => {
    expectScimError(
      () => parseListParams({ filter: `userName eq "${'x'.repeat(200)}"` }, { ...limits, maxLength: 100 }),
      400,
      'invalidFilter',
    );
  });
});
