import type { DocumentNode } from 'graphql';
import type { RequestHandler, Response } from 'express';
import type { Principal } from '../domain/auth/request-context';
import type { RehearsedChange } from '../domain/connections/rehearsed-change';
import { rehearsedChanges } from '../domain/connections/rehearsed-change';
import type { Rehearsal, Store } from '../domain/store';
import { DomainError } from '../errors';
import type { CallContext, GraphqlExecutor } from '../scim/graphql/graphql-executor';
import type { ProceedAs } from '../scim/scim-router';
import type { Logger } from './logger';

/**
 * Dry run: a request authenticated by a DRY_RUN connection's token is answered exactly as it would
 * be, but commits nothing.
 *
 * How: once the caller is authenticated and its principal says `dryRun`, the rest of its request
 * runs in a Store rehearsal scope (`graphql()`, `scim()`), and the rehearsal begins: one database
 * transaction, held for the rest of the request, that every read and write of the request runs on
 * (the services' transactions become savepoints in it). Only a dry-run request enters a scope: the
 * scope is an AsyncLocalStorage frame, and on Node 20 the first one switches on async hooks for
 * every promise of the process for good: about 0.25 µs more per promise, where a request makes 125
 * (GET by id) to 570 (`_entities` × 100) of them (bench/README.md). A process that has served a
 * dry-run request keeps paying that. With the
 * in-process executor this spans the whole SCIM request — a PATCH's read and replace, every
 * operation of a Bulk — so later steps see earlier would-be writes, and the answer is the one an
 * ACTIVE connection would get. When the answer is ready it is held back until the transaction has
 * been rolled back, so the IdP's next request never meets a row (or a lock) of this one; the audit
 * rows the writes produced (remembered as each savepoint wrote them, dropped with a savepoint that
 * rolled back) become the request log's `changes`.
 *
 * What is rolled back with it: users, groups, memberships, personal-token revocations, audit rows
 * and change events (so no webhook ever has anything to deliver). What is kept, being metadata about
 * the connection rather than provisioning: the token's `lastUsedAt` (stamped while authenticating,
 * before the rehearsal begins), the health counters (counted in memory, flushed off the request
 * path; a dry-run create is not counted as a user or group created) and the request-log entry
 * itself (`dryRun: true`).
 *
 * The GraphQL endpoint does the same for its own requests, so a dry-run token can never commit
 * anything, whatever it calls: a facade running apart (GRAPHQL_URL) sends each of its GraphQL calls
 * with the dry-run token, and each is rolled back on its own (there, a Bulk's later operations do
 * not see the earlier ones).
 */
export class DryRun {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /**
   * The SCIM routers' `proceed` (in-process facade): a dry-run caller's request goes on in a
   * rehearsal scope, which its first GraphQL call begins (`executor`).
   */
  scim(): ProceedAs {
    return (caller, res, next) => {
      if (caller.dryRun) this.rehearseRest(res, () => next());
      else next();
    };
  }

  /** Begins the request's rehearsal when the principal is a dry-run one; refuses when there is none. */
  async beginFor(principal: Principal | undefined): Promise<void> {
    if (!principal?.dryRun) return;
    const rehearsal = this.store.currentRehearsal();
    if (!rehearsal)
      throw new DomainError('UNAVAILABLE', 'A dry-run request cannot run outside its rehearsal');
    await rehearsal.begin();
  }

  /** GraphQL endpoint: after authentication, before execution. */
  graphql(): RequestHandler {
    return (_req, res, next) => {
      if (!(res.locals.principal as Principal | undefined)?.dryRun) return next();
      this.rehearseRest(res, (rehearsal) => rehearsal.begin().then(() => next(), next));
    };
  }

  /** The in-process SCIM facade's executor: the first call of a dry-run request begins its rehearsal. */
  executor(inner: GraphqlExecutor): GraphqlExecutor {
    return {
      execute: async <TData>(
        document: DocumentNode,
        variables: Record<string, unknown>,
        call: CallContext,
      ) => {
        await this.beginFor(call.caller.credential as Principal);
        return inner.execute<TData>(document, variables, call);
      },
    };
  }

  /** Runs the rest of the request (`work`, and all it starts) in a new rehearsal scope. */
  private rehearseRest(res: Response, work: (rehearsal: Rehearsal) => void): void {
    this.store.rehearse((rehearsal) => {
      this.holdAnswer(res, rehearsal);
      work(rehearsal);
    });
  }

  /**
   * Holds the answer of a begun rehearsal until it has been rolled back, leaving the would-be
   * changes on `res.locals.rehearsedChanges` for the request log. A client that goes away before
   * the answer rolls back too: what the request still does afterwards fails instead of committing.
   */
  private holdAnswer(res: Response, rehearsal: Rehearsal): void {
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let ending = false;
    res.end = ((...args: unknown[]) => {
      if (!rehearsal.begun) return end(...args);
      if (ending) return res;
      ending = true;
      rehearsal
        .end()
        .then(
          (records) => {
            res.locals.rehearsedChanges = rehearsedChanges(records) satisfies RehearsedChange[];
          },
          (err: unknown) => this.logger.error({ err }, 'Dry-run rollback failed'),
        )
        // Sent back outside the rehearsal: `finish` listeners run where the answer is sent, and one
        // of them (admission control) starts the next queued request. Leaving the scope only when
        // there is one to leave (rather than binding every request's outer context up front, an
        // AsyncResource per request) keeps the common, non-dry-run request free of it.
        .finally(() => this.store.outsideRehearsal(() => end(...args)));
      return res;
    }) as Response['end'];
    res.on('close', () => {
      if (rehearsal.begun) void rehearsal.end().catch(() => undefined);
    });
  }
}
