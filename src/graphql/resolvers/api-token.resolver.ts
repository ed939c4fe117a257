import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiTokenRecord, IssuedApiToken as IssuedApiTokenRecord } from '../../domain/tokens/api-token';
import type { GraphqlContext } from '../context';
import { ApiTokenInput } from '../inputs/api-token.input';
import { ApiToken, IssuedApiToken } from '../types/api-token.type';

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: "The organization's API tokens (needs identity:admin)." })
  apiTokens(@Ctx() { request, services }: GraphqlContext): Promise<ApiTokenRecord[]> {
    return services.tokens.list(request);
  }

  @Mutation(() => IssuedApiToken, {
    description: 'Issues a token; its secret is in this answer and nowhere else.',
  })
  createApiToken(
    @Arg('input', () => ApiTokenInput) input: ApiTokenInput,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<IssuedApiTokenRecord> {
    return services.tokens.create(request, {
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt,
      userId: input.userId,
    });
  }

  @Mutation(() => IssuedApiToken, {
    description: 'A new secret for the token; the old one stops working at once.',
  })
  rotateApiToken(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<IssuedApiTokenRecord> {
    return services.tokens.rotate(request, id);
  }

  @Mutation(() => ApiToken, { description: 'Revokes the token (idempotent).' })
  revokeApiToken(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ApiTokenRecord> {
    return services.tokens.revoke(request, id);
  }
}
