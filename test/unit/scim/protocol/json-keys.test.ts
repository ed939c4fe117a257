import fc from 'fast-check';
import type { JsonObject } from '../../../../src/scim/protocol/json';
import { findKey, findKeys, nameIndex } from '../../../../src/scim/protocol/json';

// Names and keys drawn from a few spellings of a few words, so that case-only differences,
// duplicates differing in case, exact and inexact matches all come up often.
const spelling = fc
  .constantFrom('userName', 'emails', 'value', 'id', 'displayName', 'x')
  .chain((word) =>
    fc
      .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
      .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('')),
  );

describe('findKeys', () => {
  it('answers, for every name, what findKey answers for it alone', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(spelling, { maxLength: 8 }),
        fc.uniqueArray(spelling, { maxLength: 6, selector: (name) => name.toLowerCase() }),
        (keys, names) => {
          const object: JsonObject = Object.fromEntries(keys.map((key, i) => [key, i]));
          expect(findKeys(object, nameIndex(names))).toEqual(names.map((name) => findKey(object, name)));
        },
      ),
    );
  });

  it('prefers the exact spelling, then the first key in order', () => {
    const index = nameIndex(['userName', 'emails']);

    expect(findKeys({ USERNAME: 1, username: 2, userName: 3 }, index)).toEqual(['userName', undefined]);
    expect(findKeys({ USERNAME: 1, username: 2, Emails: [] }, index)).toEqual(['USERNAME', 'Emails']);
  });
});
