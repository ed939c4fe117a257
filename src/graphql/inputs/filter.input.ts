import { Field, InputType, registerEnumType } from 'type-graphql';
import type {
  FilterInput,
  FilterOperator as DomainFilterOperator,
  FilterValue,
} from '../../domain/filter/filter';
import { badFilter } from '../../errors';
import { FilterValueScalar } from '../scalars/filter-value.scalar';
import { domainEnum } from '../types/domain-enum';

export const FilterOperator = domainEnum<DomainFilterOperator>()({
  EQ: 'eq',
  NE: 'ne',
  CO: 'co',
  SW: 'sw',
  EW: 'ew',
  GT: 'gt',
  GE: 'ge',
  LT: 'lt',
  LE: 'le',
  PR: 'pr',
});
registerEnumType(FilterOperator, {
  name: 'FilterOperator',
  description: 'SCIM comparison operators (RFC 7644 §3.4.2.2); PR means "has a value" and takes no value.',
});

/** The shape of a Filter input, so classes can refer to it before `Filter` is declared. */
export interface FilterFields {
  and?: FilterFields[] | null;
  or?: FilterFields[] | null;
  not?: FilterFields | null;
  condition?: FilterCondition | null;
  some?: SomeFilter | null;
}

@InputType({
  description:
    'One attribute compared with one value, e.g. `{ attribute: "userName", op: EQ, value: "ann" }`.',
})
export class FilterCondition {
  @Field(() => String, {
    description: 'An attribute path: `userName`, `name.familyName`, `emails.value`, ...',
  })
  attribute!: string;

  @Field(() => FilterOperator)
  op!: DomainFilterOperator;

  @Field(() => FilterValueScalar, {
    nullable: true,
    description: 'Omitted for PR; null with EQ means "has no value".',
  })
  value?: FilterValue;
}

@InputType({
  description: 'A filter that must hold on one value of a multi-valued attribute (`emails[type eq "work"]`).',
})
export class SomeFilter {
  @Field(() => String, { description: 'A multi-valued attribute: `emails`, `addresses`, `members`, ...' })
  attribute!: string;

  @Field(() => Filter, { description: 'Paths inside are sub-attributes: `type`, `value`, ...' })
  filter!: FilterFields;
}

@InputType({ description: 'A filter over a list. Set exactly one field per Filter object.' })
export class Filter implements FilterFields {
  @Field(() => [Filter], { nullable: true })
  and?: Filter[] | null;

  @Field(() => [Filter], { nullable: true })
  or?: Filter[] | null;

  @Field(() => Filter, { nullable: true })
  not?: Filter | null;

  @Field(() => FilterCondition, { nullable: true })
  condition?: FilterCondition | null;

  @Field(() => SomeFilter, { nullable: true })
  some?: SomeFilter | null;
}

const FILTER_FIELDS = ['and', 'or', 'not', 'condition', 'some'] as const;

/**
 * The domain's filter from the GraphQL input. Each Filter object is a union written as an input
 * object, so exactly one of its fields must be set; errors name the offending path (`filter.and[1]`).
 */
export function toFilterInput(filter: FilterFields, field = 'filter'): FilterInput {
  const set = FILTER_FIELDS.filter((key) => filter[key] !== undefined && filter[key] !== null);
  if (set.length !== 1) {
    const found = set.length === 0 ? 'none is set' : `${set.join(', ')} are set`;
    throw badFilter(field, `${field} must set exactly one of ${FILTER_FIELDS.join(', ')}; ${found}`);
  }
  const { and, or, not, condition, some } = filter;
  if (and) return { kind: 'and', filters: and.map((f, i) => toFilterInput(f, `${field}.and[${i}]`)) };
  if (or) return { kind: 'or', filters: or.map((f, i) => toFilterInput(f, `${field}.or[${i}]`)) };
  if (not) return { kind: 'not', filter: toFilterInput(not, `${field}.not`) };
  if (some)
    return {
      kind: 'some',
      attribute: some.attribute,
      filter: toFilterInput(some.filter, `${field}.some.filter`),
    };
  const { attribute, op, value } = condition!;
  return { kind: 'condition', attribute, op, value: value ?? null };
}
