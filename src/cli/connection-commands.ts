import { operatorContext } from '../bootstrap';
import type { ConnectionView } from '../domain/connections/connection';
import type { Services } from '../domain/services';
import { notFound } from '../errors';
import type { ParsedArgs } from './parse-args';
import { UsageError } from './parse-args';

export const CONNECTION_USAGE = `  cli connection create --org <slug> --name <name> --kind <kind> [--expires never|<days>d]
  cli connection list --org <slug>
  cli connection rotate <id> [--overlap <minutes>]
  cli connection pause|resume <id>
  cli connection setup-link <id> [--hours <1-720>]

Kinds: okta-scim2, okta-scim11, onelogin-scim2, entra-scim2, generic-scim2`;

type Out = (line: string) => void;

const describe = (c: ConnectionView): string =>
  [
    c.id,
    c.name,
    c.kind,
    c.status,
    c.baseUrl,
    c.token ? `token=${c.token.prefix}` : 'token=none',
    `expires=${c.token ? (c.token.expiresAt?.toISOString() ?? 'never') : '-'}`,
    `lastUsed=${c.token?.lastUsedAt?.toISOString() ?? 'never'}`,
  ].join('\t');

/** `never` → null; `<n>d` → n. */
function lifetimeDays(value: string | undefined): number | null {
  if (value === undefined || value === 'never') return null;
  const match = /^(\d{1,4})d$/.exec(value);
  if (!match) throw new UsageError('--expires must be "never" or a number of days like "365d"');
  return Number(match[1]);
}

function overlapMinutes(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,6}$/.test(value)) throw new UsageError('--overlap must be a number of minutes');
  return Number(value);
}

/** Left to the service to range-check (1 to 720), so the CLI and GraphQL refuse the same values. */
function hours(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw new UsageError('--hours must be a number of hours');
  return Number(value);
}

function option(args: ParsedArgs, name: string): string {
  const value = args.options.get(name);
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

/** Operators name connections by id alone: find the organization that holds it. */
async function connectionContext(services: Services, id: string | undefined) {
  if (!id) throw new UsageError('This command needs a connection id');
  for (const organization of await services.organizations.list()) {
    const ctx = operatorContext(organization.id);
    if (await services.connections.find(ctx, id)) return { ctx, id };
  }
  throw notFound('Connection', id);
}

/**
 * `connection create` prints the Base URL and, alone on the last line, the secret; `setup-link`
 * prints the link's id and expiry, and the URL alone on the last line.
 */
export async function runConnectionCommand(services: Services, args: ParsedArgs, out: Out): Promise<void> {
  const [, verb, target] = args.positional;
  switch (verb) {
    case 'create': {
      const ctx = operatorContext((await services.organizations.getBySlug(option(args, 'org'))).id);
      const issued = await services.connections.create(ctx, {
        name: option(args, 'name'),
        kind: option(args, 'kind').toUpperCase().replace(/-/g, '_'),
        tokenExpiresInDays: lifetimeDays(args.options.get('expires')),
      });
      out(describe(issued.connection));
      out(`Base URL: ${issued.connection.baseUrl}`);
      out(issued.secret);
      return;
    }
    case 'list': {
      const ctx = operatorContext((await services.organizations.getBySlug(option(args, 'org'))).id);
      for (const connection of await services.connections.list(ctx)) out(describe(connection));
      return;
    }
    case 'rotate': {
      const { ctx, id } = await connectionContext(services, target);
      const issued = await services.connectionTokens.rotate(
        ctx,
        id,
        overlapMinutes(args.options.get('overlap')),
      );
      out(describe(issued.connection));
      out(issued.secret);
      return;
    }
    case 'pause':
    case 'resume': {
      const { ctx, id } = await connectionContext(services, target);
      out(describe(await services.connections.setStatus(ctx, id, verb === 'pause' ? 'PAUSED' : 'ACTIVE')));
      return;
    }
    case 'setup-link': {
      const lifetime = hours(args.options.get('hours'));
      const { ctx, id } = await connectionContext(services, target);
      const issued = await services.setupLinks.create(ctx, id, lifetime);
      out(`Setup link ${issued.setupLink.id}, expires ${issued.setupLink.expiresAt.toISOString()}`);
      out(issued.url);
      return;
    }
    default:
      throw new UsageError(`Unknown command "connection ${verb ?? ''}"`.trim());
  }
}
