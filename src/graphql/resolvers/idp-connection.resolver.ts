import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type {
  ConnectionStatus as DomainConnectionStatus,
  ConnectionView,
  IssuedConnection as IssuedConnectionRecord,
} from '../../domain/connections/connection';
import type { GraphqlContext } from '../context';
import { CreateConnectionInput } from '../inputs/connection.input';
import { ConnectionStatus, IdpConnection, IssuedConnection } from '../types/idp-connection.type';

/** Connections of the caller's organization (identity:admin). */
@Resolver(() => IdpConnection)
export class IdpConnectionResolver {
  @Query(() => [IdpConnection], { description: "The organization's connections, oldest first." })
  connections(@Ctx() { request, services }: GraphqlContext): Promise<ConnectionView[]> {
    return services.connections.list(request);
  }

  @Query(() => IdpConnection, { nullable: true, description: 'One connection; null when none has this id.' })
  connection(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionView | null> {
    return services.connections.find(request, id);
  }

  @Mutation(() => IssuedConnection, {
    description: 'Creates a connection and its first token; the secret is in this answer and nowhere else.',
  })
  createConnection(
    @Arg('input', () => CreateConnectionInput) input: CreateConnectionInput,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<IssuedConnectionRecord> {
    return services.connections.create(request, input);
  }

  @Mutation(() => IssuedConnection, {
    description:
      'A new secret. The old one keeps working for overlapMinutes (0 to 10080), then stops; 0 = at once. Refused once the token was revoked.',
  })
  rotateConnectionToken(
    @Arg('id', () => ID) id: string,
    @Arg('overlapMinutes', () => Int, { defaultValue: 0 }) overlapMinutes: number,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<IssuedConnectionRecord> {
    return services.connectionTokens.rotate(request, id, overlapMinutes);
  }

  @Mutation(() => IdpConnection, { description: "Revokes the connection's tokens at once (idempotent)." })
  revokeConnectionToken(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionView> {
    return services.connectionTokens.revoke(request, id);
  }

  @Mutation(() => IdpConnection, {
    description:
      'ACTIVE; PAUSED (every request refused, nothing written); or DRY_RUN (answered as usual, nothing committed, would-be changes in the request log).',
  })
  setConnectionStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ConnectionStatus) status: DomainConnectionStatus,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionView> {
    return services.connections.setStatus(request, id, status);
  }

  @Mutation(() => IdpConnection)
  renameConnection(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionView> {
    return services.connections.rename(request, id, name);
  }

  @Mutation(() => IdpConnection, {
    description:
      'Deletes the connection and revokes its tokens; the users and groups it provisioned stay. Returns it as it was.',
  })
  deleteConnection(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionView> {
    return services.connections.delete(request, id);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the current token expires; null = never.' })
  tokenExpiresAt(@Root() connection: ConnectionView): Date | null {
    return connection.token?.expiresAt ?? null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'Last use of the current token (about a minute’s resolution).',
  })
  tokenLastUsedAt(@Root() connection: ConnectionView): Date | null {
    return connection.token?.lastUsedAt ?? null;
  }
}
