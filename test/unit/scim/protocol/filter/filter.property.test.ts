import fc from 'fast-check';
import { parseFilter, printFilter, ScimError } from '../../../../../src/scim/protocol';
import { filterArbitrary } from './filter-arbitraries';

const FILTER_WORDS = [
  'userName',
  'eq',
  'ne',
  'co',
  'pr',
  'and',
  'or',
  'not',
  '(',
  ')',
  '[',
  ']',
  '"x"',
  '"',
  '\\',
  '42',
  '-1.5e3',
  'true',
  'null',
  ' ',
  'emails',
  'urn:a:b:c',
  '.',
  ':',
  '$ref',
];

describe('filter properties', () => {
  it('printFilter output parses back to the same AST', () => {
    fc.assert(
      fc.property(filterArbitrary, (ast) => {
        expect(parseFilter(printFilter(ast), { maxLength: Infinity, maxDepth: 1000 })).toEqual(ast);
      }),
      { numRuns: 400 },
    );
  });

  it('printFilter is a fixed point after one round trip', () => {
    fc.assert(
      fc.property(filterArbitrary, (ast) => {
        const printed = printFilter(ast);
        expect(printFilter(parseFilter(printed, { maxLength: Infinity, maxDepth: 1000 }))).toBe(printed);
      }),
      { numRuns: 200 },
    );
  });

  const arbitraryText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.array(fc.constantFrom(...FILTER_WORDS), { maxLength: 25 }).map((words) => words.join(' ')),
    fc.array(fc.constantFrom(...FILTER_WORDS), { maxLength: 25 }).map((words) => words.join('')),
    filterArbitrary.chain((ast) => {
      const text = printFilter(ast);
      return fc.nat({ max: text.length }).map((cut) => text.slice(0, cut));
    }),
  );

  it('either returns an AST or throws ScimError 400 invalidFilter for any string', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        try {
          expect(typeof parseFilter(text).kind).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(ScimError);
          expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
        }
      }),
      { numRuns: 1000 },
    );
  });
});
