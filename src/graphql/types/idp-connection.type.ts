import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type {
  ConnectionKind as DomainConnectionKind,
  ConnectionStatus as DomainConnectionStatus,
} from '../../domain/connections/connection';
import { ApiToken } from './api-token.type';
import { domainEnum } from './domain-enum';

export const ConnectionKind = domainEnum<DomainConnectionKind>()({
  OKTA_SCIM2: 'OKTA_SCIM2',
  OKTA_SCIM11: 'OKTA_SCIM11',
  ONELOGIN_SCIM2: 'ONELOGIN_SCIM2',
  ENTRA_SCIM2: 'ENTRA_SCIM2',
  GENERIC_SCIM2: 'GENERIC_SCIM2',
});
registerEnumType(ConnectionKind, {
  name: 'ConnectionKind',
  description: 'Which identity provider app (and SCIM version) the connection serves.',
});

export const ConnectionStatus = domainEnum<DomainConnectionStatus>()({
  ACTIVE: 'ACTIVE',
  PAUSED: 'PAUSED',
  DRY_RUN: 'DRY_RUN',
});
registerEnumType(ConnectionStatus, {
  name: 'ConnectionStatus',
  description:
    'PAUSED: every request with its tokens answers 403 and nothing is written. DRY_RUN: every request is answered as it would be, then rolled back; its request-log entry shows the would-be changes.',
});

/** `Connection` in the schema: one identity-provider app of the organization. */
@ObjectType('Connection', {
  simpleResolvers: true,
  description: 'One identity-provider app of the organization (an Okta, OneLogin or Entra app).',
})
export class IdpConnection {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ConnectionKind)
  kind!: DomainConnectionKind;

  @Field(() => ConnectionStatus)
  status!: DomainConnectionStatus;

  @Field(() => String, {
    description: 'What the IdP is configured with: PUBLIC_URL and /scim/v2 (or /scim/v1).',
  })
  baseUrl!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { description: 'The subject that created it (`token:<id>`, `jwt:<sub>`, `cli`).' })
  createdBy!: string;

  @Field(() => ApiToken, {
    nullable: true,
    description: 'The newest valid token (its prefix, expiry, last use); null once revoked or expired.',
  })
  token!: ApiToken | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A connection with its new secret: the only time the secret is returned.',
})
export class IssuedConnection {
  @Field(() => IdpConnection)
  connection!: IdpConnection;

  @Field(() => String, { description: 'The API token the IdP sends as `Authorization: Bearer <secret>`.' })
  secret!: string;
}
