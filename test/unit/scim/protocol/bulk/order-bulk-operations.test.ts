import { orderBulkOperations } from '../../../../../src/scim/protocol';
import type { BulkOperation } from '../../../../../src/scim/protocol';

const postUser = (bulkId: string, data: object = {}): BulkOperation => ({
  method: 'POST',
  bulkId,
  path: '/Users',
  data: { userName: bulkId, ...data },
});
const postGroup = (bulkId: string, members: string[]): BulkOperation => ({
  method: 'POST',
  bulkId,
  path: '/Groups',
  data: { displayName: bulkId, members: members.map((value) => ({ value })) },
});
const deleteUser = (id: string): BulkOperation => ({ method: 'DELETE', path: `/Users/${id}` });
const patchGroup = (id: string, member: string): BulkOperation => ({
  method: 'PATCH',
  path: `/Groups/${id}`,
  data: { Operations: [{ op: 'add', path: 'members', value: [{ value: member }] }] },
});

/** Each step as `index` or `index!409` when the step carries an error. */
function plan(operations: BulkOperation[]): string[] {
  return orderBulkOperations(operations).map((step) =>
    step.error ? `${step.index}!${step.error.status}` : String(step.index),
  );
}

describe('orderBulkOperations', () => {
  const rows: { name: string; input: BulkOperation[]; expected: string[] }[] = [
    {
      name: 'keeps request order when every reference points backwards',
      input: [postUser('qwerty'), postGroup('ytrewq', ['bulkId:qwerty']), deleteUser('1')],
      expected: ['0', '1', '2'],
    },
    {
      name: 'runs a referenced POST before the group that lists it as a member',
      input: [postGroup('ytrewq', ['bulkId:qwerty']), deleteUser('1'), postUser('qwerty')],
      expected: ['2', '0', '1'],
    },
    {
      name: 'runs a referenced POST before a PATCH whose path names it',
      input: [patchGroup('bulkId:g', 'u-1'), postGroup('g', [])],
      expected: ['1', '0'],
    },
    {
      name: 'runs a chain of references innermost first',
      input: [postGroup('a', ['bulkId:b']), postGroup('b', ['bulkId:c']), postGroup('c', [])],
      expected: ['2', '1', '0'],
    },
    {
      name: 'orders a manager reference inside an extension',
      input: [
        postUser('bob', {
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
            manager: { value: 'bulkId:alice' },
          },
        }),
        postUser('alice'),
      ],
      expected: ['1', '0'],
    },
    {
      name: 'leaves a reference to an unknown bulkId for resolveBulkIds to reject',
      input: [postGroup('g', ['bulkId:nobody']), deleteUser('1')],
      expected: ['0', '1'],
    },
    {
      name: 'does not treat a bulkId on a non-POST as a declaration',
      input: [postGroup('g', ['bulkId:x']), { ...deleteUser('1'), bulkId: 'x' }],
      expected: ['0', '1'],
    },
    {
      name: 'answers both groups of the RFC 7644 §3.7.1 circular example with 409',
      input: [postGroup('qwerty', ['bulkId:ytrewq']), postGroup('ytrewq', ['bulkId:qwerty'])],
      expected: ['0!409', '1!409'],
    },
    {
      name: 'answers a POST that references its own bulkId with 409',
      input: [deleteUser('1'), postGroup('self', ['bulkId:self'])],
      expected: ['0', '1!409'],
    },
    {
      name: 'marks a whole three-way cycle and runs its dependants after it',
      input: [
        patchGroup('bulkId:a', 'u-1'),
        postGroup('a', ['bulkId:b']),
        postGroup('b', ['bulkId:c']),
        postGroup('c', ['bulkId:a']),
        postUser('free'),
      ],
      expected: ['1!409', '2!409', '3!409', '0', '4'],
    },
    {
      name: 'finds every member of a cycle reached through a finished branch',
      input: [
        postGroup('a', ['bulkId:b', 'bulkId:d']),
        postGroup('b', ['bulkId:c']),
        postGroup('c', ['bulkId:a']),
        postGroup('d', ['bulkId:b']),
      ],
      expected: ['0!409', '1!409', '2!409', '3!409'],
    },
  ];

  it.each(rows)('$name', ({ input, expected }) => {
    expect(plan(input)).toEqual(expected);
  });

  it('names the other members of the cycle in the 409 detail, without a scimType', () => {
    const [first] = orderBulkOperations([postGroup('a', ['bulkId:b']), postGroup('b', ['bulkId:a'])]);
    expect(first?.error).toMatchObject({ status: 409, scimType: undefined });
    expect(first?.error?.detail).toBe(
      'Operations[0] is part of a circular bulkId reference with Operations[1]',
    );
  });

  it('orders a reference chain longer than the call stack allows', () => {
    const length = 20_000;
    const chain = Array.from({ length }, (_, index) =>
      postGroup(`g${index}`, index + 1 < length ? [`bulkId:g${index + 1}`] : []),
    );
    const sut = orderBulkOperations(chain);
    expect(sut[0]?.index).toBe(length - 1);
    expect(sut[length - 1]?.index).toBe(0);
    expect(sut.some((step) => step.error)).toBe(false);
  });
});
