import type { AuditAction } from '../audit/audit-event';
import { DomainError, badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { checkPage } from '../shared/check-page';
import type { Page, PageRequest } from '../shared/page';
import { isUuid, uuidV7 } from '../shared/uuid-v7';
import { orNotFound } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import { checkText } from '../users/validate-user';
import type { OrganizationRecord } from './organization';
import { checkSlug } from './organization.service';

export interface OrganizationReference {
  readonly id?: string | null;
  readonly slug?: string | null;
}

function checkName(name: string): string {
  const checked = checkText('name', name, 256);
  if (!checked || checked.trim() === '') throw badInput('name', 'name is required');
  return checked;
}

/**
 * Organizations managed by the platform that embeds this service (scope platform:admin). Each change
 * is an audit event in the organization's own trail, whose actor is the platform caller.
 */
export class OrganizationAdminService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async create(ctx: RequestContext, input: { slug: string; name: string }): Promise<OrganizationRecord> {
    authorize(ctx, 'platform');
    const organization: OrganizationRecord = {
      id: uuidV7(),
      slug: checkSlug(input.slug),
      name: checkName(input.name),
      createdAt: this.clock(),
    };
    return this.store.transaction(async (tx) => {
      await tx.organizations.insert(organization);
      await this.audit(tx, ctx, organization.id, 'organization.create', {
        slug: organization.slug,
        name: organization.name,
      });
      return organization;
    });
  }

  async page(ctx: RequestContext, page: PageRequest): Promise<Page<OrganizationRecord>> {
    authorize(ctx, 'platform');
    return this.store.repositories.organizations.findPage(checkPage({ ...page, orderBy: null }));
  }

  /** By id or by slug (exactly one of them); null when none matches. */
  async find(ctx: RequestContext, reference: OrganizationReference): Promise<OrganizationRecord | null> {
    authorize(ctx, 'platform');
    const { id, slug } = reference;
    if ((id ? 1 : 0) + (slug ? 1 : 0) !== 1) throw badInput('id', 'Name the organization by id or by slug');
    const organizations = this.store.repositories.organizations;
    if (id) return isUuid(id) ? organizations.findById(id) : null;
    return organizations.findBySlug(slug as string);
  }

  async rename(ctx: RequestContext, id: string, name: string): Promise<OrganizationRecord> {
    authorize(ctx, 'platform');
    const checked = checkName(name);
    return this.store.transaction(async (tx) => {
      const current = orNotFound('Organization', id, await this.findIn(tx, id));
      await tx.organizations.rename(id, checked);
      await this.audit(tx, ctx, id, 'organization.rename', { name: { from: current.name, to: checked } });
      return { ...current, name: checked };
    });
  }

  /** Refused while the organization holds users, groups or connections, unless `force`. */
  async delete(ctx: RequestContext, id: string, force: boolean): Promise<OrganizationRecord> {
    authorize(ctx, 'platform');
    return this.store.transaction(async (tx) => {
      const current = orNotFound('Organization', id, await this.findIn(tx, id));
      const usage = await tx.organizations.usage(id);
      const held = Object.entries(usage).filter(([, n]) => n > 0);
      if (held.length > 0 && !force) {
        const what = held.map(([kind, n]) => `${n} ${kind}`).join(', ');
        throw new DomainError(
          'CONFLICT',
          `Organization ${current.slug} still has ${what}; delete them first or pass force: true`,
          { field: 'force' },
        );
      }
      await tx.organizations.delete(id);
      await this.audit(tx, ctx, id, 'organization.delete', { slug: current.slug, ...usage, force });
      return current;
    });
  }

  private findIn(tx: Repositories, id: string): Promise<OrganizationRecord | null> {
    return isUuid(id) ? tx.organizations.findById(id) : Promise.resolve(null);
  }

  private audit(
    tx: Repositories,
    ctx: RequestContext,
    organizationId: string,
    action: AuditAction,
    changes: Record<string, unknown>,
  ): Promise<void> {
    const inOrganization = { ...ctx, principal: { ...ctx.principal, organizationId } };
    return recordAudit(tx.audit, inOrganization, this.clock, {
      action,
      targetType: 'Organization',
      targetId: organizationId,
      changes,
    });
  }
}
