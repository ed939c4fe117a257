import { UserInput, UserPatchInput, toUserInput, toUserPatch } from '../../../src/graphql/inputs/user.input';
import { MultiValueInput, NameInput } from '../../../src/graphql/inputs/user-parts.input';

describe('user input mapping', () => {
  it('leaves omitted patch fields undefined and keeps explicit nulls, so only the latter clear', () => {
    const input = Object.assign(new UserPatchInput(), { title: null, displayName: 'Ann', name: null });
    const patch = toUserPatch(input);
    expect(patch).toMatchObject({ title: null, displayName: 'Ann', name: null });
    expect(patch.userName).toBeUndefined();
    expect(patch.emails).toBeUndefined();
    expect(patch.password).toBeUndefined();
    expect(patch.extensions).toBeUndefined();
  });

  it('passes extension values through for the domain to check against the definitions', () => {
    const values = { 'urn:acme:2.0:User': { badge: 'B-7' } };
    expect(toUserPatch(Object.assign(new UserPatchInput(), { extensions: values })).extensions).toEqual(
      values,
    );
    expect(toUserPatch(Object.assign(new UserPatchInput(), { extensions: null })).extensions).toBeNull();
  });

  it('fills nested values: absent parts become null, primary defaults to false', () => {
    const input = Object.assign(new UserPatchInput(), {
      name: Object.assign(new NameInput(), { givenName: 'Ann' }),
      emails: [Object.assign(new MultiValueInput(), { value: 'ann@example.com' })],
    });
    expect(toUserPatch(input)).toMatchObject({
      name: {
        formatted: null,
        familyName: null,
        givenName: 'Ann',
        middleName: null,
        honorificPrefix: null,
        honorificSuffix: null,
      },
      emails: [{ value: 'ann@example.com', display: null, type: null, primary: false }],
    });
  });

  it('drops nulls from a whole-user input, where null and omitted both mean empty', () => {
    const input = Object.assign(new UserInput(), {
      userName: 'ann',
      active: null,
      emails: null,
      password: 'pw',
    });
    expect(toUserInput(input)).toEqual({ userName: 'ann', password: 'pw' });
  });
});
