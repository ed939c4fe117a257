import fc from 'fast-check';

/** Attribute paths the service knows (they reach the SQL compiler), plus near misses. */
export const USER_PATHS = [
  'id',
  'userName',
  'externalId',
  'displayName',
  'nickName',
  'title',
  'active',
  'name.familyName',
  'name.givenName',
  'emails',
  'emails.value',
  'emails.type',
  'emails.primary',
  'phoneNumbers.value',
  'addresses.locality',
  'groups',
  'groups.value',
  'groups.display',
  'meta.created',
  'meta.lastModified',
  'meta.resourceType',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  'password',
  'userName.x',
  'emails.value.x',
  '$ref',
  'x'.repeat(300),
];

export const GROUP_PATHS = [
  'id',
  'displayName',
  'externalId',
  'members',
  'members.value',
  'members.type',
  'meta.lastModified',
];

/** Strings that break naive code: quotes, escapes, SQL, control characters, long and odd Unicode. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constantFrom(
    "' OR '1'='1",
    '" or ""="',
    '\\',
    '\\"',
    '%',
    '_',
    '%_%',
    '\u0000',
    '\uD800',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'İstanbul',
    'ß',
    'ﬁ',
    '\u202e',
    'a'.repeat(5000),
    '1e309',
    '-0',
    'null',
    'true',
    '2020-13-45T25:61:61Z',
    '../../etc/passwd',
    '${7*7}',
    '<script>alert(1)</script>',
  ),
);

const compareOperator = fc.constantFrom(
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
  'EQ',
  'Co',
  'xx',
);

const filterValue: fc.Arbitrary<string> = fc.oneof(
  nastyString.map((s) => JSON.stringify(s)),
  nastyString.map((s) => `"${s}"`),
  fc.integer().map(String),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom('true', 'false', 'null', '"2024-01-01T00:00:00Z"', '"', '""', 'undefined'),
);

const attributePath = (paths: readonly string[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...paths) }, { weight: 1, arbitrary: nastyString });

/** SCIM filter text: mostly well-formed over real attributes (so it reaches SQL), sometimes broken. */
export function filterText(paths: readonly string[]): fc.Arbitrary<string> {
  const { filter } = fc.letrec<{ filter: string; leaf: string }>((tie) => ({
    leaf: fc.oneof(
      fc.tuple(attributePath(paths), compareOperator, filterValue).map(([p, op, v]) => `${p} ${op} ${v}`),
      attributePath(paths).map((p) => `${p} pr`),
      fc
        .tuple(fc.constantFrom('emails', 'addresses', 'members', 'groups', 'phoneNumbers'), tie('filter'))
        .map(([p, f]) => `${p}[${f.replace(/\b(emails|members|groups)\./g, '')}]`),
    ),
    filter: fc.oneof(
      { depthSize: 'small' },
      tie('leaf'),
      fc
        .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND', 'Or'), tie('filter'))
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      tie('filter').map((f) => `not (${f})`),
      tie('filter').map((f) => `(${f})`),
    ),
  }));
  return fc.oneof(
    { weight: 6, arbitrary: filter },
    {
      weight: 1,
      arbitrary: fc
        .tuple(filter, fc.nat(60), nastyString)
        .map(([f, at, junk]) => f.slice(0, at) + junk + f.slice(at)),
    },
    { weight: 1, arbitrary: nastyString },
  );
}

/** A comma-separated attribute list for `attributes` / `excludedAttributes`. */
export function attributeList(paths: readonly string[]): fc.Arbitrary<string> {
  return fc.array(attributePath(paths), { maxLength: 5 }).map((list) => list.join(','));
}

/** JSON values of every shape, a little deeper than usual. */
export const anyJson = fc.jsonValue({ maxDepth: 4 });

/** A User-like body: real attribute names with values of any type, sometimes extra keys. */
export const userBody: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      schemas: fc.oneof(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']), anyJson),
      userName: fc.oneof(nastyString, anyJson),
      name: fc.oneof(
        fc.record({ givenName: nastyString, familyName: anyJson }, { requiredKeys: [] }),
        anyJson,
      ),
      emails: fc.oneof(
        fc.array(
          fc.record({ value: nastyString, type: nastyString, primary: anyJson }, { requiredKeys: [] }),
          {
            maxLength: 4,
          },
        ),
        anyJson,
      ),
      active: anyJson,
      externalId: anyJson,
      password: fc.oneof(nastyString, anyJson),
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': anyJson,
      groups: anyJson,
      meta: anyJson,
    },
    { requiredKeys: [] },
  )
  .chain((body) =>
    fc.dictionary(nastyString, anyJson, { maxKeys: 2 }).map((extra) => ({ ...extra, ...body })),
  );

/** A PatchOp body with operations over real and made-up paths. */
export const patchBody: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']),
      Operations: fc.array(
        fc.record(
          {
            op: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'copy', ''),
            path: fc.oneof(
              attributePath([...USER_PATHS, ...GROUP_PATHS]),
              filterText(['value', 'type', 'primary', 'display']).map((f) => `emails[${f}].value`),
              filterText(['value']).map((f) => `members[${f}]`),
            ),
            value: anyJson,
          },
          { requiredKeys: ['op'] },
        ),
        { maxLength: 4 },
      ),
    }),
  },
  { weight: 1, arbitrary: anyJson },
);

/** A path below /scim/v2 (or /scim/v1) made of known and random segments. */
export const scimPath: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('v2', 'v2', 'v2', 'v1'),
    fc.array(
      fc.oneof(
        fc.constantFrom(
          'Users',
          'Groups',
          'Bulk',
          'Me',
          '.search',
          'Schemas',
          'ResourceTypes',
          'ServiceProviderConfig',
          '..',
          '%2e%2e',
          '%00',
          '%ZZ',
          '%E0%A4%A',
        ),
        fc.uuid(),
        // Every byte percent-encoded: lone surrogates and control characters included.
        nastyString.map((s) =>
          [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
        ),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([version, segments]) => `/scim/${version}/${segments.join('/')}`);
