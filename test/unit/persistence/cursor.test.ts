import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../../src/persistence/paging/cursor';

describe('cursor', () => {
  it('round-trips any position', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.oneof(fc.constant(null), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.uuid(),
        (ordering, value, id) => {
          const position = { ordering, value: Object.is(value, -0) ? 0 : value, id };
          expect(decodeCursor(encodeCursor(position), ordering)).toEqual(position);
        },
      ),
    );
  });

  const refusal = (cursor: string, ordering = 'id:ASC') => {
    try {
      return { accepted: decodeCursor(cursor, ordering) };
    } catch (error) {
      return { refused: error };
    }
  };
  const badAfter = {
    refused: expect.objectContaining({
      code: 'BAD_USER_INPUT',
      details: { field: 'after', reason: 'invalidCursor' },
    }),
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

  it('rejects anything else as BAD_USER_INPUT on after, without crashing', () => {
    fc.assert(fc.property(fc.string(), (garbage) => expect(refusal(garbage)).toEqual(badAfter)));
  });

  it('rejects well-formed JSON that is not a cursor of this ordering as BAD_USER_INPUT on after', () => {
    const id = '0190a5c2-0000-7000-8000-000000000000';
    const notCursors = fc.oneof(
      fc.tuple(
        fc.string().filter((tag) => tag !== 'id:ASC'),
        fc.string(),
        fc.constant(id),
      ), // another orderBy
      fc.tuple(fc.constant('id:ASC'), fc.object(), fc.constant(id)), // value not a scalar
      fc.tuple(fc.constant('id:ASC'), fc.constant(null), fc.string({ minLength: 65 })), // id too long
      fc.tuple(fc.constant('id:ASC'), fc.constant(null), fc.integer()), // id not a string
      fc.tuple(fc.constant('id:ASC'), fc.constant(null)), // too short
      fc.record({ ordering: fc.constant('id:ASC'), value: fc.constant(null), id: fc.constant(id) }), // not an array
    );
    fc.assert(fc.property(notCursors, (value) => expect(refusal(encode(value))).toEqual(badAfter)));
    expect(refusal(encode(['id:ASC', null, id]))).toEqual({
      accepted: { ordering: 'id:ASC', value: null, id },
    });
  });
});
