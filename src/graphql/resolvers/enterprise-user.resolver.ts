import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { EnterpriseUser as EnterpriseUserRecord } from '../../domain/users/user';
import { EnterpriseUser, Manager } from '../types/user.type';

@Resolver(() => EnterpriseUser)
export class EnterpriseUserResolver {
  @FieldResolver(() => Manager, { nullable: true })
  manager(@Root() enterprise: EnterpriseUserRecord): Manager | null {
    return enterprise.managerId === null ? null : { value: enterprise.managerId };
  }
}
