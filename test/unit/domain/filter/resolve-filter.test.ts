import type { FilterInput } from '../../../../src/domain/filter/filter';
import { resolveFilter } from '../../../../src/domain/filter/resolve-filter';
import { GROUP_ATTRIBUTES } from '../../../../src/domain/groups/group-attributes';
import { USER_ATTRIBUTES } from '../../../../src/domain/users/user-attributes';

const cond = (attribute: string, op: string, value?: unknown) =>
  ({ kind: 'condition', attribute, op, value }) as FilterInput;

describe('resolveFilter on users', () => {
  it.each([
    {
      name: 'userName eq resolves to a case-insensitive string comparison',
      input: cond('USERNAME', 'eq', 'Bjensen'),
      expected: {
        kind: 'compare',
        attribute: { path: 'userName', type: 'string', caseExact: false },
        op: 'eq',
        value: 'Bjensen',
      },
    },
    {
      name: 'a bare multi-valued attribute compares its value sub-attribute',
      input: cond('emails', 'co', '@example.com'),
      expected: {
        kind: 'some',
        attribute: 'emails',
        filter: expect.objectContaining({ kind: 'compare', op: 'co' }),
      },
    },
    {
      name: 'a dotted multi-valued path becomes some()',
      input: cond('emails.type', 'eq', 'work'),
      expected: {
        kind: 'some',
        attribute: 'emails',
        filter: expect.objectContaining({ attribute: expect.objectContaining({ path: 'type' }) }),
      },
    },
    {
      name: 'pr on a multi-valued attribute means it has at least one value',
      input: cond('emails', 'pr'),
      expected: { kind: 'some', attribute: 'emails', filter: null },
    },
    {
      name: 'the enterprise URN form is an alias of enterprise.*',
      input: cond('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'eq', 'R&D'),
      expected: expect.objectContaining({
        attribute: expect.objectContaining({ path: 'enterprise.department' }),
      }),
    },
    {
      name: 'eq null means the attribute is absent',
      input: cond('title', 'eq', null),
      expected: {
        kind: 'not',
        filter: { kind: 'present', attribute: expect.objectContaining({ path: 'title' }) },
      },
    },
    {
      name: 'dateTime values become instants',
      input: cond('meta.lastModified', 'gt', '2026-01-01T00:00:00Z'),
      expected: expect.objectContaining({ value: new Date('2026-01-01T00:00:00Z') }),
    },
  ])('$name', ({ input, expected }) => {
    expect(resolveFilter(input, USER_ATTRIBUTES)).toEqual(expected);
  });

  it('resolves some() with sub-attribute conditions', () => {
    const input: FilterInput = {
      kind: 'some',
      attribute: 'emails',
      filter: { kind: 'and', filters: [cond('type', 'eq', 'work'), cond('value', 'co', '@x')] },
    };
    const sut = resolveFilter(input, USER_ATTRIBUTES);
    expect(sut).toMatchObject({ kind: 'some', attribute: 'emails', filter: { kind: 'and' } });
  });

  it.each([
    { name: 'gt on a boolean', input: cond('active', 'gt', true), field: 'filter.condition.op' },
    { name: 'a string for a boolean', input: cond('active', 'eq', 'yes'), field: 'filter.condition.value' },
    {
      name: 'an unknown attribute',
      input: cond('shoeSize', 'eq', '42'),
      field: 'filter.condition.attribute',
    },
    {
      name: 'an unknown sub-attribute',
      input: cond('emails.colour', 'eq', 'red'),
      field: 'filter.condition.attribute',
    },
    {
      name: 'an invalid date',
      input: cond('meta.created', 'gt', 'yesterday'),
      field: 'filter.condition.value',
    },
    { name: 'co on a dateTime', input: cond('meta.created', 'co', '2026'), field: 'filter.condition.op' },
    { name: 'an empty and', input: { kind: 'and', filters: [] } as FilterInput, field: 'filter.and' },
    {
      name: 'a nested error names its position',
      input: { kind: 'or', filters: [cond('userName', 'eq', 'a'), cond('nope', 'eq', 'b')] } as FilterInput,
      field: 'filter.or[1].condition.attribute',
    },
    {
      name: 'an over-long value',
      input: cond('userName', 'eq', 'x'.repeat(3000)),
      field: 'filter.condition.value',
    },
  ])('rejects $name with BAD_USER_INPUT naming $field', ({ input, field }) => {
    expect(() => resolveFilter(input, USER_ATTRIBUTES)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field }) }),
    );
  });

  it('rejects a filter nested deeper than the limit', () => {
    let input: FilterInput = cond('userName', 'eq', 'a');
    for (let i = 0; i < 40; i++) input = { kind: 'not', filter: input };
    expect(() => resolveFilter(input, USER_ATTRIBUTES)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});

describe('resolveFilter on groups', () => {
  it('resolves members.value to some(members)', () => {
    expect(resolveFilter(cond('members.value', 'eq', 'abc'), GROUP_ATTRIBUTES)).toMatchObject({
      kind: 'some',
      attribute: 'members',
    });
  });

  it('does not know user attributes', () => {
    expect(() => resolveFilter(cond('userName', 'eq', 'x'), GROUP_ATTRIBUTES)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});
