import { ApiTokenResolver } from './api-token.resolver';
import { AuditEventResolver } from './audit-event.resolver';
import { ChangeEventResolver } from './change-event.resolver';
import { ConnectionHealthResolver } from './connection-health.resolver';
import { AuditEventRequestResolver, ConnectionRequestResolver } from './connection-request.resolver';
import { EnterpriseUserResolver } from './enterprise-user.resolver';
import { ExtensionAttributeResolver } from './extension-attribute.resolver';
import { GroupConnectionResolver } from './group-connection.resolver';
import { GroupMemberConnectionResolver } from './group-member-connection.resolver';
import { GroupMemberResolver } from './group-member.resolver';
import { GroupResolver } from './group.resolver';
import { IdpConnectionResolver } from './idp-connection.resolver';
import { ManagerResolver } from './manager.resolver';
import { OrganizationResolver } from './organization.resolver';
import { UserConnectionResolver } from './user-connection.resolver';
import { UserResolver } from './user.resolver';
import { SetupLinkResolver } from './setup-link.resolver';
import { ViewerResolver } from './viewer.resolver';

/** Every resolver class, in the order their operations appear in the schema. */
export const RESOLVERS = [
  ViewerResolver,
  UserResolver,
  UserConnectionResolver,
  EnterpriseUserResolver,
  ManagerResolver,
  ExtensionAttributeResolver,
  GroupResolver,
  GroupConnectionResolver,
  GroupMemberResolver,
  GroupMemberConnectionResolver,
  ApiTokenResolver,
  AuditEventResolver,
  ChangeEventResolver,
  OrganizationResolver,
  IdpConnectionResolver,
  ConnectionHealthResolver,
  ConnectionRequestResolver,
  AuditEventRequestResolver,
  SetupLinkResolver,
] as const;
