import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type request from 'supertest';
import type { TestApp } from '../../fixtures/test-app';
import { bearer } from '../support/reliable-app';

/** Organization B's extension schema: A must never see it. */
export const EXTENSION = 'urn:ietf:params:scim:schemas:extension:victimcorp:2.0:User';

export interface Victim {
  readonly userId: string;
  readonly userName: string;
  readonly externalId: string;
  readonly memberId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly tokenId: string;
  /** A setup link of B's first connection, and its secret (for checks that it still works). */
  readonly setupLinkId: string;
  readonly setupLinkSecret: string;
  /** B's audit events before A tried anything. */
  readonly auditIds: readonly string[];
}

export interface Ctx {
  readonly sut: TestApp;
  readonly victim: Victim;
  /** A's own group and user, for attempts to pull B's resources into A's. */
  readonly own: { readonly groupId: string; readonly userId: string };
  readonly a: { readonly scim: string; readonly admin: string; readonly jwtAsVictimUser: string };
}

export type Check = (ctx: Ctx) => Promise<void>;

export const v2 = (ctx: Ctx) => ({
  get: (path: string) => ctx.sut.http.get(`/scim/v2${path}`).set(bearer(ctx.a.scim)),
  send: (method: 'post' | 'put' | 'patch', path: string, body: object) =>
    ctx.sut.http[method](`/scim/v2${path}`).set(bearer(ctx.a.scim)).send(body),
  delete: (path: string) => ctx.sut.http.delete(`/scim/v2${path}`).set(bearer(ctx.a.scim)),
});
export const v1 = (ctx: Ctx) => ({
  get: (path: string) => ctx.sut.http.get(`/scim/v1${path}`).set(bearer(ctx.a.scim)),
  send: (method: 'post' | 'put' | 'patch', path: string, body: object) =>
    ctx.sut.http[method](`/scim/v1${path}`).set(bearer(ctx.a.scim)).send(body),
  delete: (path: string) => ctx.sut.http.delete(`/scim/v1${path}`).set(bearer(ctx.a.scim)),
});

/**
 * Nothing of B's may appear in an answer to A — except what A itself put in the request (a 404
 * message naming the id A asked for tells A nothing new).
 */
export function expectNothingOf(victim: Victim, res: request.Response, sent = '') {
  const secrets = [
    victim.userId,
    victim.userName,
    victim.externalId,
    victim.groupId,
    victim.groupName,
    victim.memberId,
    victim.tokenId,
    victim.setupLinkId,
    victim.setupLinkSecret,
    'B-007',
    ...victim.auditIds,
  ];
  for (const secret of secrets.filter((s) => !sent.includes(s))) expect(res.text).not.toContain(secret);
}

/** The answer, after checking its status: a row must not pass because the request failed. */
export function answered<T extends { status: number; text: string }>(res: T, status = 200): T {
  expect({ status: res.status, text: res.status === status ? '' : res.text }).toEqual({ status, text: '' });
  return res;
}

/** A 404 for B's resource reads exactly like a 404 for an id that never existed. */
export async function expectNotFoundLikeUnknown(send: (id: string) => request.Test, id: string) {
  const unknown = randomUUID();
  const [theirs, never] = await Promise.all([send(id), send(unknown)]);
  expect(theirs.status).toBe(404);
  expect(never.status).toBe(404);
  expect(theirs.text.split(id).join('<id>')).toBe(never.text.split(unknown).join('<id>'));
}

export const victimFilter = (v: Victim) =>
  `userName eq "${v.userName}" or externalId eq "${v.externalId}" or id eq "${v.userId}" or emails.value co "victim" or groups.value eq "${v.groupId}"`;

export const asA = async (
  ctx: Ctx,
  query: string,
  variables: Record<string, unknown> = {},
  token = ctx.a.admin,
) => {
  const res = await ctx.sut.http.post('/graphql').set(bearer(token)).send({ query, variables });
  const sent = JSON.stringify({ query, variables, token: jwt.decode(token) });
  expectNothingOf(ctx.victim, res, sent);
  return res.body as {
    data?: Record<string, unknown> | null;
    errors?: { extensions: { code: string; field?: string } }[];
  };
};
export const notFound =
  (query: string, variables: (v: Victim) => Record<string, unknown>): Check =>
  async (ctx) => {
    const theirs = await asA(ctx, query, variables(ctx.victim));
    expect(theirs.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
  };
