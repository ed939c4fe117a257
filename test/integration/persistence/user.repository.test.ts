import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { caseKey } from '../../../src/domain/shared/text';
import type { UserRecord } from '../../../src/domain/users/user';
import type { UserWrite } from '../../../src/domain/users/user.repository';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import { USER_ATTRIBUTES } from '../../../src/domain/users/user-attributes';
import { insertUsers, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore, selects, statementsOn } from '../../fixtures/test-store';

describe('user repository', () => {
  let t: TestStore;
  const org = organizationRecord();
  const otherOrg = organizationRecord();

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
    await t.store.repositories.organizations.insert(otherOrg);
  });

  afterAll(() => t?.close());

  const sut = () => t.store.repositories.users;
  const byEmail = async (email: string) =>
    sut().findPage(
      org.id,
      resolveFilter(
        { kind: 'condition', attribute: 'emails.value', op: 'eq', value: email },
        USER_ATTRIBUTES,
      ),
      {
        first: 10,
      },
    );
  const nextVersion = (user: UserRecord, changes: Partial<UserWrite>): UserWrite => ({
    ...user,
    userNameKey: caseKey(changes.userName ?? user.userName),
    ...changes,
    version: user.version + 1,
    updatedAt: new Date(user.updatedAt.getTime() + 1000),
  });

  it('stores and reads back every attribute, with millisecond timestamps', async () => {
    const row = userRow(
      org.id,
      {
        userName: 'round.trip@example.com',
        externalId: 'ext-42',
        active: false,
        displayName: 'Round Trip',
        name: {
          formatted: 'Ms Round Trip',
          familyName: 'Trip',
          givenName: 'Round',
          middleName: null,
          honorificPrefix: 'Ms',
          honorificSuffix: null,
        },
        nickName: 'RT',
        profileUrl: 'https://example.com/rt',
        title: 'Tester',
        userType: 'Employee',
        preferredLanguage: 'nb-NO',
        locale: 'nb_NO',
        timezone: 'Europe/Oslo',
        emails: [{ value: 'rt@example.com', type: 'work', primary: true, display: 'RT' }],
        phoneNumbers: [{ value: '+47 1234', type: 'mobile', primary: false, display: null }],
        ims: [{ value: 'rt', type: 'xmpp', primary: false, display: null }],
        photos: [{ value: 'https://example.com/rt.png', type: 'photo', primary: false, display: null }],
        entitlements: [{ value: 'Reader', type: null, primary: false, display: null }],
        roles: [{ value: 'qa', type: null, primary: false, display: null }],
        x509Certificates: [{ value: 'MIIB', type: null, primary: false, display: null }],
        addresses: [
          {
            formatted: null,
            streetAddress: 'Gate 1',
            locality: 'Oslo',
            region: null,
            postalCode: '0150',
            country: 'NO',
            type: 'work',
            primary: true,
          },
        ],
        enterprise: {
          employeeNumber: '7',
          costCenter: 'CC',
          organization: 'Acme',
          division: 'D',
          department: 'QA',
          managerId: 'm-1',
        },
        extensions: { 'urn:acme:User': { badge: 'B-1', tags: ['a', 'b'], level: 3, nested: { ok: true } } },
      },
      { createdAt: new Date('2024-05-06T07:08:09.123Z'), passwordHash: 'scrypt$hash' },
    );

    await sut().insert(row);
    const found = await sut().findById(org.id, row.id);

    const { passwordHash: _hash, userNameKey: _key, ...attributes } = row;
    expect(found).toEqual({ ...attributes, hasPassword: true });
  });

  it('finds nothing across organizations', async () => {
    const [row] = await insertUsers(t.store, [userRow(org.id)]);

    expect(await sut().findById(otherOrg.id, row.id)).toBeNull();
    expect(await sut().findByIds(otherOrg.id, [row.id])).toEqual([]);
  });

  it('rejects a userName that differs only in case with CONFLICT on userName and writes nothing', async () => {
    await insertUsers(t.store, [userRow(org.id, { userName: 'Case.Only@Example.com' })]);
    const duplicate = userRow(org.id, {
      userName: 'CASE.ONLY@example.COM',
      emails: [{ value: 'unique-to-duplicate@example.com', type: null, primary: false, display: null }],
    });

    await expect(t.store.transaction((tx) => tx.users.insert(duplicate))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'userName' },
    });
    await expect(sut().insert(duplicate)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'userName' },
    });
    expect(await sut().findById(org.id, duplicate.id)).toBeNull();
    expect((await byEmail('unique-to-duplicate@example.com')).items).toEqual([]);
  });

  it('accepts the same userName in another organization', async () => {
    await insertUsers(t.store, [userRow(org.id, { userName: 'shared-name' })]);

    await expect(sut().insert(userRow(otherOrg.id, { userName: 'Shared-Name' }))).resolves.toBeUndefined();
  });

  it('updates only when the stored version is the one read (optimistic locking)', async () => {
    const [row] = await insertUsers(t.store, [userRow(org.id, { title: 'Before' })]);
    const current = (await sut().findById(org.id, row.id))!;

    expect(await sut().update(nextVersion(current, { title: 'After' }), current)).toBe(true);
    expect(await sut().update(nextVersion(current, { title: 'Lost update' }), current)).toBe(false);

    expect(await sut().findById(org.id, row.id)).toMatchObject({ title: 'After', version: 2 });
  });

  it('keeps the password hash unless the write carries one', async () => {
    const [row] = await insertUsers(t.store, [userRow(org.id, {}, { passwordHash: 'scrypt$old' })]);
    const current = (await sut().findById(org.id, row.id))!;

    await sut().update({ ...nextVersion(current, { title: 'x' }), passwordHash: undefined }, current);
    expect(await sut().findById(org.id, row.id)).toMatchObject({ hasPassword: true, version: 2 });

    const second = (await sut().findById(org.id, row.id))!;
    await sut().update({ ...nextVersion(second, {}), passwordHash: null }, second);
    expect(await sut().findById(org.id, row.id)).toMatchObject({ hasPassword: false, version: 3 });
  });

  it('rewrites the email index only when the emails change', async () => {
    const email = (value: string) => [{ value, type: 'work', primary: true, display: null }];
    const [row] = await insertUsers(t.store, [userRow(org.id, { emails: email('first@example.com') })]);
    const current = (await sut().findById(org.id, row.id))!;

    t.statements.length = 0;
    await sut().update(nextVersion(current, { title: 'unrelated change' }), current);
    expect(statementsOn(t.statements, 'user_values')).toEqual([]);

    const second = (await sut().findById(org.id, row.id))!;
    t.statements.length = 0;
    await sut().update(nextVersion(second, { emails: email('second@example.com') }), second);
    expect(statementsOn(t.statements, 'user_values')).toHaveLength(2);

    expect((await byEmail('first@example.com')).items).toEqual([]);
    expect((await byEmail('SECOND@example.com')).items.map((i) => i.node.id)).toEqual([row.id]);
  });

  it('deletes a user together with its indexed values', async () => {
    const [row] = await insertUsers(t.store, [
      userRow(org.id, {
        emails: [{ value: 'deleted@example.com', type: null, primary: false, display: null }],
      }),
    ]);

    expect(await sut().delete(org.id, row.id)).toBe(true);
    expect(await sut().delete(org.id, row.id)).toBe(false);

    expect(await sut().findById(org.id, row.id)).toBeNull();
    expect((await byEmail('deleted@example.com')).items).toEqual([]);
  });

  it('loads 100 users by id with exactly one SELECT', async () => {
    const rows = await insertUsers(
      t.store,
      Array.from({ length: 100 }, () =>
        userRow(org.id, {
          emails: [{ value: `${uuidV7()}@example.com`, type: null, primary: true, display: null }],
        }),
      ),
    );
    const ids = [...rows.map((r) => r.id), uuidV7()];

    t.statements.length = 0;
    const found = await sut().findByIds(org.id, ids);

    expect(selects(t.statements)).toHaveLength(1);
    expect(t.statements).toHaveLength(1);
    expect(new Set(found.map((u) => u.id))).toEqual(new Set(rows.map((r) => r.id)));
    expect(found.every((u) => u.emails.length === 1)).toBe(true);
  });
});
