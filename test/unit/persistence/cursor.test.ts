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

  it('rejects anything else as BAD_USER_INPUT on after, without crashing', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        try {
          decodeCursor(garbage, 'id:ASC');
        } catch (error) {
          expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'after' } });
        }
      }),
    );
  });
});
