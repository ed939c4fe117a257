import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { CompatibilityProfile as Profile } from '../../domain/connections/compatibility-profile';
import { compatibilityProfileOf } from '../../domain/connections/compatibility-profile';
import type { ConnectionView } from '../../domain/connections/connection';
import type { GraphqlContext } from '../context';
import { CompatibilityProfile } from '../types/compatibility-profile.type';
import { IdpConnection } from '../types/idp-connection.type';
import { Viewer } from '../types/viewer.type';

/** The compatibility profile in force for a connection: derived from its kind, never stored. */
@Resolver(() => IdpConnection)
export class ConnectionProfileResolver {
  @FieldResolver(() => CompatibilityProfile, {
    description: 'What its SCIM requests may send beyond RFC 7644 (picked by its kind).',
  })
  profile(@Root() connection: ConnectionView): Profile {
    return compatibilityProfileOf(connection.kind);
  }
}

/** The caller's own profile: what the SCIM facade reads to know what to tolerate for this credential. */
@Resolver(() => Viewer)
export class ViewerProfileResolver {
  @FieldResolver(() => CompatibilityProfile, {
    description:
      "The compatibility profile of the caller's connection; GENERIC_SCIM2's (every quirk) for callers without one.",
  })
  profile(@Ctx() { request }: GraphqlContext): Profile {
    return compatibilityProfileOf(request.principal.connectionKind);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: "The connection the caller's token belongs to; null for other tokens and JWTs.",
  })
  connectionId(@Ctx() { request }: GraphqlContext): string | null {
    return request.principal.connectionId ?? null;
  }
}
