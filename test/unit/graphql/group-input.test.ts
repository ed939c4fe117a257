import type { GroupChange } from '../../../src/domain/groups/group-write.service';
import {
  GroupChangeInput,
  GroupMemberChangesInput,
  toGroupChange,
} from '../../../src/graphql/inputs/group.input';

const change = (fields: Partial<GroupChangeInput>) => Object.assign(new GroupChangeInput(), fields);
const members = (fields: Partial<GroupMemberChangesInput>) =>
  Object.assign(new GroupMemberChangesInput(), fields);

describe('toGroupChange', () => {
  it.each<{ name: string; input: GroupChangeInput; expected: GroupChange }>([
    { name: 'an empty change changes nothing', input: change({}), expected: {} },
    {
      name: 'a null displayName keeps the current one; a null externalId clears it',
      input: change({ displayName: null, externalId: null }),
      expected: { externalId: null },
    },
    {
      name: 'member lists pass through, absent or null lists change nothing',
      input: change({ displayName: 'Ops', members: members({ add: ['a'], remove: null }) }),
      expected: { displayName: 'Ops', members: { add: ['a'] } },
    },
    {
      name: 'an empty set list empties the group',
      input: change({ members: members({ set: [] }) }),
      expected: { members: { set: [] } },
    },
  ])('$name', ({ input, expected }) => {
    const actual = JSON.parse(JSON.stringify(toGroupChange(input)));
    expect(actual).toEqual(expected);
  });
});
