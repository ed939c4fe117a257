import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ExtensionAttributeRecord } from '../../domain/extensions/extension-attribute';
import type { GraphqlContext } from '../context';
import {
  ExtensionAttributeInput,
  ExtensionAttributeKeyArgs,
  toExtensionAttributeInput,
} from '../inputs/extension-attribute.input';
import { ExtensionAttribute } from '../types/extension-attribute.type';

@Resolver(() => ExtensionAttribute)
export class ExtensionAttributeResolver {
  @Query(() => [ExtensionAttribute], { description: "The organization's User extension attributes." })
  userExtensionAttributes(@Ctx() { request, services }: GraphqlContext): Promise<ExtensionAttributeRecord[]> {
    return services.extensionAttributes.list(request);
  }

  @Mutation(() => ExtensionAttribute, {
    description: 'Defines a User extension attribute (needs identity:admin).',
  })
  defineUserExtensionAttribute(
    @Arg('input', () => ExtensionAttributeInput) input: ExtensionAttributeInput,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ExtensionAttributeRecord> {
    return services.extensionAttributes.define(request, toExtensionAttributeInput(input));
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a definition; stored values are no longer returned or accepted. False when none existed.',
  })
  removeUserExtensionAttribute(
    @Args(() => ExtensionAttributeKeyArgs) { schema, name }: ExtensionAttributeKeyArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<boolean> {
    return services.extensionAttributes.remove(request, schema, name);
  }
}
