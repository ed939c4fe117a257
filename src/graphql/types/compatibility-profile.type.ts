import { Field, ObjectType } from 'type-graphql';
import type { ConnectionKind as DomainConnectionKind } from '../../domain/connections/connection';
import { ConnectionKind } from './idp-connection.type';

@ObjectType({
  simpleResolvers: true,
  description:
    "What the SCIM facade tolerates beyond RFC 7644 for a connection's kind. A quirk not listed is refused with 400 (its scimType) and a detail naming it.",
})
export class CompatibilityProfile {
  @Field(() => ConnectionKind, {
    description: 'The kind that picks the profile; GENERIC_SCIM2 for callers without a connection.',
  })
  kind!: DomainConnectionKind;

  @Field(() => [String], {
    description: 'The quirks tolerated and recorded, e.g. `entra:string-boolean`, `legacy-schema-urn`.',
  })
  tolerates!: string[];
}
