import { Kind, parseValue } from 'graphql';
import { FilterValueScalar } from '../../../src/graphql/scalars/filter-value.scalar';

describe('FilterValue scalar', () => {
  describe('literals', () => {
    it.each([
      { literal: '"ann"', expected: 'ann' },
      { literal: '42', expected: 42 },
      { literal: '-7', expected: -7 },
      { literal: '2.5', expected: 2.5 },
      { literal: 'true', expected: true },
      { literal: 'false', expected: false },
      { literal: '"2024-01-02T03:04:05Z"', expected: '2024-01-02T03:04:05Z' },
    ])('accepts $literal', ({ literal, expected }) => {
      expect(FilterValueScalar.parseLiteral(parseValue(literal), {})).toBe(expected);
    });

    it.each(['{ a: 1 }', '[1, 2]', 'ENUM_VALUE'])('rejects %s', (literal) => {
      expect(() => FilterValueScalar.parseLiteral(parseValue(literal), {})).toThrow(
        /FilterValue must be a String, Int, Float or Boolean/,
      );
    });

    it('leaves null to GraphQL, which never passes it to the scalar', () => {
      expect(parseValue('null').kind).toBe(Kind.NULL);
    });
  });

  describe('variables', () => {
    it.each([
      { value: 'ann', expected: 'ann' },
      { value: 3, expected: 3 },
      { value: 0.25, expected: 0.25 },
      { value: true, expected: true },
    ])('accepts $value', ({ value, expected }) => {
      expect(FilterValueScalar.parseValue(value)).toBe(expected);
    });

    it.each([
      { name: 'an object', value: { a: 1 } },
      { name: 'a list', value: ['a'] },
      { name: 'NaN', value: Number.NaN },
      { name: 'Infinity', value: Number.POSITIVE_INFINITY },
    ])('rejects $name', ({ value }) => {
      expect(() => FilterValueScalar.parseValue(value)).toThrow(
        /FilterValue must be a String, Int, Float or Boolean/,
      );
    });
  });
});
