import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CountWindow {
  LAST_24_HOURS = 'LAST_24_HOURS',
  SINCE_CREATION = 'SINCE_CREATION',
}
registerEnumType(CountWindow, {
  name: 'CountWindow',
  description: 'LAST_24_HOURS counts whole hours, so it covers between 24 and 25 hours of traffic.',
});

@ObjectType({ simpleResolvers: true, description: 'Requests by outcome: 2xx/3xx, 4xx, 5xx.' })
export class RequestCounts {
  @Field(() => Int)
  ok!: number;

  @Field(() => Int)
  clientError!: number;

  @Field(() => Int)
  serverError!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The last error answer a connection received.' })
export class ConnectionError {
  @Field(() => Int)
  status!: number;

  @Field(() => String)
  detail!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'An IdP quirk a connection needed, e.g. `entra:string-boolean`.',
})
export class QuirkSeen {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Date)
  lastSeenAt!: Date;
}
