import { ObjectType } from 'type-graphql';
import { Connection } from './connection.type';
import { Organization } from './viewer.type';

@ObjectType({ simpleResolvers: true, description: 'A page of organizations, ordered by slug.' })
export class OrganizationConnection extends Connection('Organization', Organization) {}
