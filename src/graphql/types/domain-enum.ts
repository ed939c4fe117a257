/**
 * The values of a GraphQL enum that stands for a domain union: each GraphQL name maps to one
 * domain value, and the compiler rejects the map unless it covers every member of the union, so
 * a value added in the domain cannot reach a client as an unserializable enum.
 */
export const domainEnum =
  <T extends string>() =>
  <const E extends Record<string, T>>(
    values: E & ([Exclude<T, E[keyof E]>] extends [never] ? unknown : never),
  ): E =>
    values;
