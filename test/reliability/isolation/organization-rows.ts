import type { Check, Ctx } from './isolation-context';
import { expectNothingOf } from './isolation-context';
import { bearer } from '../support/reliable-app';

/**
 * The platform fields (organizations themselves) against A's admin and SCIM tokens: FORBIDDEN, with
 * or without an X-Organization header naming B (by id and by slug) — the header gives an
 * organization's caller nothing beyond its own organization.
 */
const forbiddenToA =
  (query: string, variables: (ctx: Ctx) => Record<string, unknown> = () => ({})): Check =>
  async (ctx) => {
    const headers = [undefined, ctx.sut.tenant.organizationId, 'default'];
    for (const token of [ctx.a.admin, ctx.a.scim]) {
      for (const organization of headers) {
        const req = ctx.sut.http.post('/graphql').set(bearer(token));
        if (organization) req.set('X-Organization', organization);
        const res = await req.send({ query, variables: variables(ctx) });
        expectNothingOf(ctx.victim, res, JSON.stringify(variables(ctx)));
        expect(res.body.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
          'FORBIDDEN',
        ]);
      }
    }
  };

const organizationOfB = (ctx: Ctx) => ({ id: ctx.sut.tenant.organizationId });

export const ORGANIZATION_QUERIES: Readonly<Record<string, Check>> = {
  organizations: forbiddenToA('{ organizations { nodes { id slug name } } }'),
  organization: forbiddenToA('query($id: ID) { organization(id: $id) { id name } }', organizationOfB),
};

export const ORGANIZATION_MUTATIONS: Readonly<Record<string, Check>> = {
  createOrganization: forbiddenToA(
    'mutation { createOrganization(input: { slug: "by-a", name: "A made" }) { id } }',
  ),
  renameOrganization: forbiddenToA(
    'mutation($id: ID!) { renameOrganization(id: $id, name: "pwned") { id } }',
    organizationOfB,
  ),
  deleteOrganization: forbiddenToA(
    'mutation($id: ID!) { deleteOrganization(id: $id, force: true) { id } }',
    organizationOfB,
  ),
};
