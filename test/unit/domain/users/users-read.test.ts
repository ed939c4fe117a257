import type { UserRecord } from '../../../../src/domain/users/user';
import { UsersRead } from '../../../../src/domain/users/users-read';

const user = (organizationId: string, id: string, version: number) =>
  ({ organizationId, id, version }) as unknown as UserRecord;

describe('UsersRead', () => {
  it('gives back a row only at the version it was read', () => {
    const sut = new UsersRead();
    const read = user('org-a', 'u1', 3);
    sut.remember(read);
    expect(sut.at('org-a', 'u1', 3)).toBe(read);
    expect(sut.at('org-a', 'u1', 4)).toBeUndefined();
    expect(sut.at('org-a', 'u1', 2)).toBeUndefined();
  });

  it('gives nothing to a write that names no version, or to another organization', () => {
    const sut = new UsersRead();
    sut.remember(user('org-a', 'u1', 3));
    expect(sut.at('org-a', 'u1', undefined)).toBeUndefined();
    expect(sut.at('org-a', 'u1', null)).toBeUndefined();
    expect(sut.at('org-b', 'u1', 3)).toBeUndefined();
  });

  it('keeps the latest read of a row', () => {
    const sut = new UsersRead();
    sut.remember(user('org-a', 'u1', 3));
    const again = user('org-a', 'u1', 5);
    sut.remember(again);
    expect(sut.at('org-a', 'u1', 3)).toBeUndefined();
    expect(sut.at('org-a', 'u1', 5)).toBe(again);
  });
});
