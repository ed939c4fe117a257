import type { FilterInput } from '../../../src/domain/filter/filter';
import { DomainError } from '../../../src/errors';
import type { FilterFields } from '../../../src/graphql/inputs/filter.input';
import { toFilterInput } from '../../../src/graphql/inputs/filter.input';

const condition = (attribute: string, op: 'eq' | 'pr' | 'co', value?: string | number | boolean | null) => ({
  condition: { attribute, op, value },
});

describe('toFilterInput', () => {
  it.each<{ name: string; input: FilterFields; expected: FilterInput }>([
    {
      name: 'a condition keeps attribute, operator and value',
      input: condition('userName', 'eq', 'ann'),
      expected: { kind: 'condition', attribute: 'userName', op: 'eq', value: 'ann' },
    },
    {
      name: 'a condition without a value (pr) gets a null value',
      input: condition('title', 'pr'),
      expected: { kind: 'condition', attribute: 'title', op: 'pr', value: null },
    },
    {
      name: 'and keeps its operands in order',
      input: { and: [condition('userName', 'eq', 'ann'), condition('active', 'eq', true)] },
      expected: {
        kind: 'and',
        filters: [
          { kind: 'condition', attribute: 'userName', op: 'eq', value: 'ann' },
          { kind: 'condition', attribute: 'active', op: 'eq', value: true },
        ],
      },
    },
    {
      name: 'or, not and some nest',
      input: {
        or: [
          { not: condition('title', 'pr') },
          { some: { attribute: 'emails', filter: condition('type', 'eq', 'work') } },
        ],
      },
      expected: {
        kind: 'or',
        filters: [
          { kind: 'not', filter: { kind: 'condition', attribute: 'title', op: 'pr', value: null } },
          {
            kind: 'some',
            attribute: 'emails',
            filter: { kind: 'condition', attribute: 'type', op: 'eq', value: 'work' },
          },
        ],
      },
    },
    {
      name: 'fields set to null count as not set',
      input: { and: null, not: null, condition: { attribute: 'userName', op: 'co', value: 'a' } },
      expected: { kind: 'condition', attribute: 'userName', op: 'co', value: 'a' },
    },
  ])('$name', ({ input, expected }) => {
    expect(toFilterInput(input)).toEqual(expected);
  });

  it.each<{ name: string; input: FilterFields; field: string; message: RegExp }>([
    {
      name: 'more than one field set is rejected, naming the filter',
      input: { ...condition('userName', 'eq', 'ann'), not: condition('title', 'pr') },
      field: 'filter',
      message: /exactly one of and, or, not, condition, some; not, condition are set/,
    },
    {
      name: 'an empty filter object is rejected',
      input: {},
      field: 'filter',
      message: /none is set/,
    },
    {
      name: 'a nested offender is named by its path',
      input: { and: [condition('userName', 'eq', 'ann'), { ...condition('title', 'pr'), or: [] }] },
      field: 'filter.and[1]',
      message: /filter\.and\[1\] must set exactly one/,
    },
    {
      name: 'a filter inside some is named by its path',
      input: { some: { attribute: 'emails', filter: {} } },
      field: 'filter.some.filter',
      message: /none is set/,
    },
  ])('$name', ({ input, field, message }) => {
    const error = captureError(() => toFilterInput(input));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
    expect((error as Error).message).toMatch(message);
  });
});

function captureError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
