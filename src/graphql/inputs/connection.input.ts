import { Field, InputType, Int } from 'type-graphql';
import type { ConnectionKind as DomainConnectionKind } from '../../domain/connections/connection';
import { ConnectionKind } from '../types/idp-connection.type';

@InputType({ description: 'A new connection; its first token is issued with it.' })
export class CreateConnectionInput {
  @Field(() => String)
  name!: string;

  @Field(() => ConnectionKind)
  kind!: DomainConnectionKind;

  @Field(() => Int, {
    nullable: true,
    description: 'Lifetime of each token in days (1-3650); null = never expires.',
  })
  tokenExpiresInDays?: number | null;
}
