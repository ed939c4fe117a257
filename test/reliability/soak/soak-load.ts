import { Agent, request } from 'node:http';

/**
 * The soak's load generator, a child process of soak.ts so that its own memory does not count:
 * `concurrency` workers loop over a mixed SCIM + GraphQL scenario against 127.0.0.1 until the
 * deadline, then print one JSON line with the outcomes per operation. Every request kind has one
 * expected status and a check of its answer: an outcome is `ok` only when both hold, else it names
 * what came instead (`401`, `200 GraphQL FORBIDDEN`, `200 wrong answer`, `ECONNRESET`). A failed create
 * is counted like any failure (the rest of that iteration is skipped, the failure is not).
 */
type Answer = { status: number; json: Json };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
/** What the answer should be: true, or why it is wrong. */
type Check = (json: Json) => boolean;

const [baseUrl, scimToken, adminToken, secondsArg, concurrencyArg] = process.argv.slice(2);
const deadline = Date.now() + Number(secondsArg) * 1000;
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrencyArg) });
const counts: Record<string, Record<string, number>> = {};
const latencies: number[] = [];

function call(
  op: string,
  expected: number,
  check: Check,
  request_: { method: string; path: string; token: string; body?: unknown },
): Promise<Answer> {
  const { method, path, token, body } = request_;
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
          const text = Buffer.concat(chunks).toString();
          const json: Json = text ? safeJson(text) : undefined;
          record(op, judge(status, json, expected, check), started);
          resolve({ status, json: status === expected ? json : undefined });
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

function judge(status: number, json: Json, expected: number, check: Check): string {
  if (status !== expected) return String(status);
  const errors = (json as { errors?: { extensions?: { code?: string } }[] } | undefined)?.errors;
  if (Array.isArray(errors)) return `${status} GraphQL ${errors.map((e) => e.extensions?.code).join(',')}`;
  return check(json) ? 'ok' : `${status} wrong answer`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const anything: Check = () => true;
const scim = (op: string, expected: number, check: Check, method: string, path: string, body?: unknown) =>
  call(op, expected, check, { method, path: `/scim/v2${path}`, token: scimToken, body });
const graphql = (op: string, check: Check, query: string, variables: Record<string, unknown> = {}) =>
  call(op, 200, (json: Json) => json?.data !== null && json?.data !== undefined && check(json.data), {
    method: 'POST',
    path: '/graphql',
    token: adminToken,
    body: { query, variables },
  });

async function worker(w: number): Promise<void> {
  const group = await scim('create group', 201, (g: Json) => typeof g?.id === 'string', 'POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: `soak-group-${w}-${process.pid}`,
  });
  const groupId = group.json?.id ?? '';
  for (let i = 0; Date.now() < deadline; i++) {
    const userName = `soak-${w}-${i}-${process.pid}@example.com`;
    const created = await scim('create user', 201, (u: Json) => u?.userName === userName, 'POST', '/Users', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ],
      userName,
      name: { givenName: 'Soak', familyName: `W${w}` },
      emails: [{ value: userName, type: 'work', primary: true }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: `D${i % 7}` },
    });
    const id = created.json?.id as string | undefined;
    if (!id) continue;
    await scim('get user', 200, (u: Json) => u?.id === id, 'GET', `/Users/${id}`);
    await scim(
      'patch user',
      200,
      (u: Json) => u?.title === `T${i}` && u?.phoneNumbers?.length === 1,
      'PATCH',
      `/Users/${id}`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'replace', path: 'title', value: `T${i}` },
          { op: 'add', path: 'phoneNumbers', value: [{ value: `+1555${i}`, type: 'work' }] },
        ],
      },
    );
    await scim(
      'filter users',
      200,
      (list: Json) => list?.totalResults === 1 && list.Resources?.[0]?.id === id,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
    );
    await graphql(
      'graphql users',
      (data: Json) => (data.users?.nodes as { id: string }[] | undefined)?.some((u) => u.id === id) === true,
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
    await scim('add member', 204, anything, 'PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
    });
    await graphql(
      'graphql _entities',
      (data: Json) => data._entities?.[0]?.id === id && data._entities?.[1]?.id === groupId,
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
    await scim(
      'get group',
      200,
      (g: Json) => g?.id === groupId && g.members === undefined,
      'GET',
      `/Groups/${groupId}?excludedAttributes=members`,
    );
    await scim('remove member', 204, anything, 'PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
    });
    await graphql(
      'graphql deactivate',
      (data: Json) => data.setUserActive?.id === id && data.setUserActive.active === false,
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
    await scim('delete user', 204, anything, 'DELETE', `/Users/${id}`);
    if (i % 5 === 0)
      await scim(
        'list users',
        200,
        (list: Json) => Array.isArray(list?.Resources),
        'GET',
        '/Users?startIndex=1&count=50',
      );
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
