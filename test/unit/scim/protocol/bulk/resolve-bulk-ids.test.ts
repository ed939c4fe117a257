import { bulkIdReferences, resolveBulkIds } from '../../../../../src/scim/protocol';
import type { JsonObject, JsonValue } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const resolved = new Map([
  ['qwerty', '92b725cd-9465-4e7d-8c16-01f8e146b87a'],
  ['ytrewq', 'e9e30dba-f08f-4109-8486-d5c6a331660a'],
]);

describe('resolveBulkIds', () => {
  const rows: { name: string; input: JsonValue; expected: JsonValue }[] = [
    {
      name: 'a group member (RFC 7644 §3.7.2)',
      input: { displayName: 'Tour Guides', members: [{ type: 'User', value: 'bulkId:qwerty' }] },
      expected: {
        displayName: 'Tour Guides',
        members: [{ type: 'User', value: '92b725cd-9465-4e7d-8c16-01f8e146b87a' }],
      },
    },
    {
      name: 'a manager inside the enterprise extension',
      input: {
        userName: 'Bob',
        [ENTERPRISE]: { employeeNumber: '11250', manager: { value: 'bulkId:qwerty' } },
      },
      expected: {
        userName: 'Bob',
        [ENTERPRISE]: { employeeNumber: '11250', manager: { value: '92b725cd-9465-4e7d-8c16-01f8e146b87a' } },
      },
    },
    {
      name: 'a PatchOp value',
      input: { Operations: [{ op: 'add', path: 'members', value: [{ value: 'bulkId:ytrewq' }] }] },
      expected: {
        Operations: [
          { op: 'add', path: 'members', value: [{ value: 'e9e30dba-f08f-4109-8486-d5c6a331660a' }] },
        ],
      },
    },
    {
      name: 'the id of a bulk path',
      input: 'bulkId:ytrewq',
      expected: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    },
    {
      name: 'nothing when a string only contains the prefix',
      input: {
        title: 'see bulkId:qwerty',
        nickName: 'BULKID:qwerty',
        note: 'bulkId:',
        n: 1,
        b: true,
        z: null,
      },
      expected: {
        title: 'see bulkId:qwerty',
        nickName: 'BULKID:qwerty',
        note: 'bulkId:',
        n: 1,
        b: true,
        z: null,
      },
    },
  ];

  it.each(rows)('replaces references in $name', ({ input, expected }) => {
    expect(resolveBulkIds(input, resolved)).toStrictEqual(expected);
  });

  it('answers an unresolved reference with 409 and no scimType', () => {
    const error = expectScimError(
      () => resolveBulkIds({ members: [{ value: 'bulkId:qwerty' }, { value: 'bulkId:missing' }] }, resolved),
      409,
      undefined,
    );
    expect(error.detail).toContain('"bulkId:missing"');
  });

  it('returns a copy and leaves the input as it was', () => {
    const input: JsonObject = { members: [{ value: 'bulkId:qwerty' }] };
    const sut = resolveBulkIds(input, resolved);
    expect(input).toStrictEqual({ members: [{ value: 'bulkId:qwerty' }] });
    expect(sut).not.toBe(input);
  });

  it('keeps a "__proto__" key as data and keeps key order', () => {
    const input = JSON.parse(
      '{"b":"bulkId:qwerty","__proto__":{"value":"bulkId:ytrewq"},"a":1}',
    ) as JsonObject;
    const sut = resolveBulkIds(input, resolved);
    expect(Object.keys(sut)).toEqual(['b', '__proto__', 'a']);
    expect(Object.getPrototypeOf(sut)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(sut, '__proto__')?.value).toEqual({
      value: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    });
  });

  it('walks data nested deeper than the call stack allows', () => {
    let deep: JsonValue = 'bulkId:qwerty';
    for (let level = 0; level < 50_000; level++) deep = [deep];
    let sut: JsonValue = resolveBulkIds<JsonValue>(deep, resolved);
    for (let level = 0; level < 50_000; level++) sut = (sut as JsonValue[])[0] as JsonValue;
    expect(sut).toBe('92b725cd-9465-4e7d-8c16-01f8e146b87a');
  });
});

describe('bulkIdReferences', () => {
  const rows: { input: JsonValue | undefined; expected: string[] }[] = [
    { input: undefined, expected: [] },
    { input: 'bulkId:a', expected: ['a'] },
    {
      input: { members: [{ value: 'bulkId:b' }, { value: 'bulkId:a' }, { value: 'bulkId:b' }] },
      expected: ['b', 'a'],
    },
    { input: { x: { y: ['bulkId:c', 'plain', 'bulkId:'] }, z: 'bulkId:d' }, expected: ['c', 'd'] },
    { input: [1, null, true, 'bulkid:e'], expected: [] },
  ];

  it.each(rows)('finds $expected in $input', ({ input, expected }) => {
    expect(bulkIdReferences(input)).toEqual(expected);
  });
});
