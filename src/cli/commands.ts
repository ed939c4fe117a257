import { operatorContext } from '../bootstrap';
import { platformOperatorContext as platformContext } from '../domain/auth/platform';
import type { Services } from '../domain/services';
import type { ApiTokenRecord } from '../domain/tokens/api-token';
import { notFound } from '../errors';
import { CONNECTION_USAGE, runConnectionCommand } from './connection-commands';
import type { ParsedArgs } from './parse-args';
import { UsageError, parseExpiry } from './parse-args';

export const USAGE = `Usage:
  cli org create <slug> [--name <display name>]
  cli org list
  cli token create --org <slug> --name <name> --scopes <comma-separated> [--expires never|<days>d]
  cli token create --platform --name <name> [--expires never|<days>d]
  cli token list --org <slug>
  cli token list --platform
  cli token rotate <id>
  cli token revoke <id>
${CONNECTION_USAGE}

Scopes: identity:read, identity:write, identity:admin, scim. A --platform token holds platform:admin
alone: it manages organizations over GraphQL and acts in the one its X-Organization header names.`;

type Out = (line: string) => void;

function required(args: ParsedArgs, name: string): string {
  const value = args.options.get(name);
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

const describe = (t: ApiTokenRecord): string =>
  [
    t.id,
    t.prefix,
    t.name,
    t.scopes.join(','),
    `expires=${t.expiresAt?.toISOString() ?? 'never'}`,
    `lastUsed=${t.lastUsedAt?.toISOString() ?? 'never'}`,
    t.revokedAt ? `revoked=${t.revokedAt.toISOString()}` : 'active',
  ].join('\t');

const isPlatform = (args: ParsedArgs): boolean => args.options.get('platform') === 'true';

/** `--org <slug>`, or `--platform` for the platform tokens. */
async function organizationContext(services: Services, args: ParsedArgs) {
  if (isPlatform(args)) return platformContext();
  return operatorContext((await services.organizations.getBySlug(required(args, 'org'))).id);
}

/** Finds which organization holds a token id: operators name tokens by id alone. */
async function tokenContext(services: Services, id: string) {
  if ((await services.tokens.list(platformContext())).some((t) => t.id === id)) return platformContext();
  for (const organization of await services.organizations.list()) {
    const ctx = operatorContext(organization.id);
    if ((await services.tokens.list(ctx)).some((t) => t.id === id)) return ctx;
  }
  throw notFound('ApiToken', id);
}

export async function runCommand(services: Services, args: ParsedArgs, out: Out): Promise<void> {
  const [noun, verb, target] = args.positional;
  if (noun === 'connection') return runConnectionCommand(services, args, out);
  const key = `${noun ?? ''} ${verb ?? ''}`;
  switch (key) {
    case 'org create': {
      if (!target) throw new UsageError('org create needs a slug');
      const organization = await services.organizationAdmin.create(platformContext(), {
        slug: target,
        name: args.options.get('name') ?? target,
      });
      out(`${organization.id}\t${organization.slug}\t${organization.name}`);
      return;
    }
    case 'org list':
      for (const o of await services.organizations.list()) out(`${o.id}\t${o.slug}\t${o.name}`);
      return;
    case 'token create': {
      const ctx = await organizationContext(services, args);
      const issued = await services.tokens.create(ctx, {
        name: required(args, 'name'),
        scopes: isPlatform(args)
          ? ['platform:admin']
          : required(args, 'scopes')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
        expiresAt: parseExpiry(args.options.get('expires'), new Date()),
      });
      out(describe(issued.token));
      out(issued.secret);
      return;
    }
    case 'token list': {
      const ctx = await organizationContext(services, args);
      for (const token of await services.tokens.list(ctx)) out(describe(token));
      return;
    }
    case 'token rotate': {
      if (!target) throw new UsageError('token rotate needs a token id');
      const issued = await services.tokens.rotate(await tokenContext(services, target), target);
      out(describe(issued.token));
      out(issued.secret);
      return;
    }
    case 'token revoke': {
      if (!target) throw new UsageError('token revoke needs a token id');
      out(describe(await services.tokens.revoke(await tokenContext(services, target), target)));
      return;
    }
    default:
      throw new UsageError(noun ? `Unknown command "${key.trim()}"` : 'No command given');
  }
}
