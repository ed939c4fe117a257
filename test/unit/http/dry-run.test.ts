import type { Response } from 'express';
import type { Principal } from '../../../src/domain/auth/request-context';
import type { Rehearsal, Store } from '../../../src/domain/store';
import { DryRun } from '../../../src/http/dry-run';
import { createLogger } from '../../../src/http/logger';
import type { ScimCaller } from '../../../src/scim/graphql/graphql-executor';

/**
 * Entering a rehearsal scope (an AsyncLocalStorage frame) switches on Node's async hooks for every
 * promise of the process, so only a dry-run caller's request may enter one.
 */
function harness() {
  const began: string[] = [];
  const scopes: Rehearsal[] = [];
  const store = {
    rehearse: <T>(work: (rehearsal: Rehearsal) => T): T => {
      const rehearsal: Rehearsal = {
        begun: false,
        begin: () => {
          began.push('begin');
          return Promise.resolve();
        },
        end: () => Promise.resolve([]),
      };
      scopes.push(rehearsal);
      return work(rehearsal);
    },
  } as unknown as Store;
  const res = { end: () => res, on: () => res, locals: {} } as unknown as Response;
  return { dryRun: new DryRun(store, createLogger('silent')), scopes, began, res };
}

const caller = (dryRun: boolean): ScimCaller => ({
  credential: {},
  organizationId: 'org',
  scopes: ['scim'],
  ...(dryRun && { dryRun: true }),
});

describe('DryRun', () => {
  it('lets an ordinary SCIM request go on at once, outside any rehearsal scope', () => {
    const { dryRun, scopes, res } = harness();
    const next = jest.fn();
    dryRun.scim()(caller(false), res, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(scopes).toHaveLength(0);
  });

  it('lets an ordinary GraphQL request go on at once, outside any rehearsal scope', () => {
    const { dryRun, scopes, res } = harness();
    const next = jest.fn();
    res.locals.principal = { dryRun: false } as Partial<Principal>;
    dryRun.graphql()({} as never, res, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(scopes).toHaveLength(0);
  });

  it("runs a dry-run SCIM caller's request in a scope its first GraphQL call begins", () => {
    const { dryRun, scopes, began, res } = harness();
    const next = jest.fn();
    dryRun.scim()(caller(true), res, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(scopes).toHaveLength(1);
    expect(began).toEqual([]);
  });

  it("begins a dry-run GraphQL caller's rehearsal before the request goes on", async () => {
    const { dryRun, scopes, began, res } = harness();
    res.locals.principal = { dryRun: true } as Partial<Principal>;
    await new Promise<void>((resolve) => dryRun.graphql()({} as never, res, () => resolve()));
    expect(scopes).toHaveLength(1);
    expect(began).toEqual(['begin']);
  });
});
