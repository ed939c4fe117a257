import { sameJson, stableJson } from '../../../../src/scim/resources/json-comparison';

/** `sameJson` must say what comparing the two `stableJson` texts says (the PATCH no-op check). */
describe('sameJson', () => {
  const values: unknown[] = [
    null,
    0,
    1,
    '',
    'a',
    true,
    false,
    [],
    [null],
    [undefined],
    [1, 2],
    [2, 1],
    {},
    { a: undefined },
    { a: null },
    { a: 1, b: [1, { c: 'x' }] },
    { b: [1, { c: 'x' }], a: 1 },
    { b: [1, { c: 'x', d: undefined }], a: 1 },
    { a: 1, b: [1, { c: 'y' }] },
    { a: 1, b: [1, { c: 'x' }], e: undefined },
    { a: 1, b: { 0: 1, 1: { c: 'x' } } },
    { emails: [{ value: 'a@x', display: null, type: 'work', primary: true }], extensions: {} },
    { extensions: {}, emails: [{ primary: true, type: 'work', display: null, value: 'a@x' }] },
  ];

  it('agrees with comparing stableJson texts for every pair', () => {
    for (const a of values)
      for (const b of values) expect([a, b, sameJson(a, b)]).toEqual([a, b, stableJson(a) === stableJson(b)]);
  });
});
