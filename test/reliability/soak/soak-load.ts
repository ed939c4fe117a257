import { Agent, request } from 'node:http';

/**
 * The soak's load generator, a child process of soak.ts so that its own memory does not count:
 * `concurrency` workers loop over a mixed SCIM + GraphQL scenario against 127.0.0.1 until the
 * deadline, then print one JSON line with the status counts per operation.
 */
const [baseUrl, scimToken, adminToken, secondsArg, concurrencyArg] = process.argv.slice(2);
const deadline = Date.now() + Number(secondsArg) * 1000;
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrencyArg) });
const counts: Record<string, Record<string, number>> = {};
const latencies: number[] = [];

function call(
  op: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: { id?: string } | undefined }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        timeout: 30_000,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(payload && { 'Content-Type': 'application/json', 'Content-Length': payload.length }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          record(op, String(status), started);
          const text = Buffer.concat(chunks).toString();
          resolve({ status, json: text ? (safeJson(text) as { id?: string }) : undefined });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      record(op, error.code ?? error.message, started);
      resolve({ status: 0, json: undefined });
    });
    req.end(payload);
  });
}

function record(op: string, outcome: string, started: number) {
  (counts[op] ??= {})[outcome] = (counts[op][outcome] ?? 0) + 1;
  latencies.push(Date.now() - started);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const scim = (op: string, method: string, path: string, body?: unknown) =>
  call(op, method, `/scim/v2${path}`, scimToken, body);
const graphql = (op: string, query: string, variables: Record<string, unknown> = {}) =>
  call(op, 'POST', '/graphql', adminToken, { query, variables });

async function worker(w: number): Promise<void> {
  const group = await scim('create group', 'POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: `soak-group-${w}-${process.pid}`,
  });
  const groupId = group.json?.id ?? '';
  for (let i = 0; Date.now() < deadline; i++) {
    const userName = `soak-${w}-${i}-${process.pid}@example.com`;
    const created = await scim('create user', 'POST', '/Users', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ],
      userName,
      name: { givenName: 'Soak', familyName: `W${w}` },
      emails: [{ value: userName, type: 'work', primary: true }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: `D${i % 7}` },
    });
    const id = created.json?.id;
    if (!id) continue;
    await scim('get user', 'GET', `/Users/${id}`);
    await scim('patch user', 'PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'title', value: `T${i}` },
        { op: 'add', path: 'phoneNumbers', value: [{ value: `+1555${i}`, type: 'work' }] },
      ],
    });
    await scim('filter users', 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    await graphql(
      'graphql users',
      `
        query ($v: FilterValue) {
          users(filter: { condition: { attribute: "emails.value", op: SW, value: $v } }, first: 20) {
            totalCount
            nodes {
              id
              userName
              emails {
                value
              }
              groups {
                group {
                  id
                }
              }
            }
          }
        }
      `,
      { v: `soak-${w}-` },
    );
    await scim('add member', 'PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
    });
    await graphql(
      'graphql _entities',
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on User {
              id
              userName
            }
            ... on Group {
              id
              displayName
              memberCount
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'User', id },
          { __typename: 'Group', id: groupId },
        ],
      },
    );
    await scim('get group', 'GET', `/Groups/${groupId}?excludedAttributes=members`);
    await scim('remove member', 'PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
    });
    await graphql(
      'graphql deactivate',
      `
        mutation ($id: ID!) {
          setUserActive(id: $id, active: false) {
            id
            active
          }
        }
      `,
      { id },
    );
    await scim('delete user', 'DELETE', `/Users/${id}`);
    if (i % 5 === 0) await scim('list users', 'GET', '/Users?startIndex=1&count=50');
  }
}

void (async () => {
  await Promise.all(Array.from({ length: Number(concurrencyArg) }, (_, w) => worker(w)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  process.stdout.write(
    `${JSON.stringify({ counts, requests: latencies.length, p50: at(0.5), p99: at(0.99), max: at(1) })}\n`,
  );
})();
