import { caseKey } from '../../src/domain/shared/text';
import type { Call, Reply } from './context';
import { HttpError } from './context';
import type { UserRow } from './user-json';
import { buyerUser, graphqlUser } from './user-json';

/**
 * Baseline for the GraphQL operations the benchmark sends, recognised by operationName (like a
 * persisted query): no parsing, no validation, no resolvers — the SQL and the JSON only.
 */
const COLUMNS =
  'u.id, u.user_name, u.display_name, u.active, u.emails, u.name_formatted, u.family_name, u.given_name, u.middle_name, u.honorific_prefix, u.honorific_suffix';

/**
 * G3: the `_entities` fetch @apollo/gateway plans for `query BenchOrders { orders { buyer { userName
 * emails { value } } } }`, byte for byte as the gateway sends it. A persisted query is matched by
 * its text, so this one is too: a gateway that asked for anything else is refused, not answered.
 */
const GATEWAY_BUYERS_OPERATION = 'BenchOrders__identity__1';
const GATEWAY_BUYERS_QUERY =
  'query BenchOrders__identity__1($representations:[_Any!]!){_entities(representations:$representations){...on User{userName emails{value}}}}';

interface Body {
  operationName?: string;
  query?: string;
  variables?: Record<string, unknown>;
}

/**
 * `_entities` for User references: one SELECT … IN of the columns the selection needs, answered in
 * reference order, null when unknown.
 */
async function entities(
  call: Call,
  variables: Record<string, unknown>,
  columns: string,
  toJson: (row: UserRow) => object,
) {
  const references = (variables.representations ?? []) as { __typename?: string; id?: unknown }[];
  const ids = references.filter((r) => r.__typename === 'User').map((r) => String(r.id));
  const rows =
    ids.length === 0
      ? []
      : await call.db.rows<UserRow>(
          `SELECT ${columns} FROM users u WHERE u.organization_id = ? AND u.id IN (?)`,
          [call.organizationId, ids],
        );
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  return {
    _entities: references.map((r) => {
      const row = r.__typename === 'User' ? byId.get(String(r.id)) : undefined;
      return row ? toJson(row) : null;
    }),
  };
}

const likeLiteral = (value: string) => value.replace(/[!%_]/g, (c) => `!${c}`);

/** `users(filter: userName SW "…", first: n)`: a COUNT and one page by id. */
async function users(call: Call, variables: Record<string, unknown>) {
  const condition = (variables.filter as { condition?: { attribute?: string; op?: string; value?: unknown } })
    ?.condition;
  if (condition?.attribute !== 'userName' || condition.op !== 'SW' || typeof condition.value !== 'string')
    throw new HttpError(400, 'The baseline supports only userName SW filters');
  const first = Math.min(1000, Math.max(0, Number(variables.first ?? 50)));
  const where = "u.organization_id = ? AND u.user_name_key LIKE ? ESCAPE '!'";
  const params = [call.organizationId, `${likeLiteral(caseKey(condition.value))}%`];
  const [count] = await call.db.rows<{ n: number }>(
    `SELECT COUNT(*) AS n FROM users u WHERE ${where}`,
    params,
  );
  const rows = await call.db.rows<UserRow>(
    `SELECT ${COLUMNS} FROM users u WHERE ${where} ORDER BY u.id LIMIT ?`,
    [...params, first + 1],
  );
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    users: {
      totalCount: Number(count.n),
      nodes: nodes.map(graphqlUser),
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: last
          ? Buffer.from(JSON.stringify(['id:ASC', null, last.id]), 'utf8').toString('base64url')
          : null,
      },
    },
  };
}

export async function graphql(call: Call): Promise<Reply> {
  const body = (call.body ?? {}) as Body;
  const variables = body.variables ?? {};
  if (body.operationName === 'BenchEntities')
    return { status: 200, body: { data: await entities(call, variables, COLUMNS, graphqlUser) } };
  if (body.operationName === 'BenchUsers')
    return { status: 200, body: { data: await users(call, variables) } };
  if (body.operationName === GATEWAY_BUYERS_OPERATION && body.query === GATEWAY_BUYERS_QUERY)
    return {
      status: 200,
      body: { data: await entities(call, variables, 'u.id, u.user_name, u.emails', buyerUser) },
    };
  throw new HttpError(
    400,
    `The baseline answers only BenchEntities, BenchUsers and the gateway's ${GATEWAY_BUYERS_OPERATION} as planned today`,
  );
}
