import { ArgsType, Field, InputType } from 'type-graphql';
import type { ExtensionAttributeInput as DomainExtensionAttributeInput } from '../../domain/extensions/extension-attribute';

@InputType({ description: 'A new User extension attribute.' })
export class ExtensionAttributeInput {
  @Field(() => String, { description: 'A URN outside the standard SCIM schemas.' })
  schema!: string;

  @Field(() => String, { description: 'A letter, then letters, digits, - or _.' })
  name!: string;

  @Field(() => String, {
    description: '`string`, `boolean`, `integer`, `decimal`, `dateTime` or `reference`.',
  })
  type!: string;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  multiValued?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  caseExact?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  required?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'For string attributes: the only values accepted.' })
  canonicalValues?: string[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@ArgsType()
export class ExtensionAttributeKeyArgs {
  @Field(() => String)
  schema!: string;

  @Field(() => String)
  name!: string;
}

/** The domain's input; it checks the type name, so an unknown one is answered as BAD_USER_INPUT naming `type`. */
export function toExtensionAttributeInput(input: ExtensionAttributeInput): DomainExtensionAttributeInput {
  return {
    schema: input.schema,
    name: input.name,
    type: input.type as DomainExtensionAttributeInput['type'],
    multiValued: input.multiValued ?? undefined,
    caseExact: input.caseExact ?? undefined,
    required: input.required ?? undefined,
    canonicalValues: input.canonicalValues ?? undefined,
    description: input.description,
  };
}
