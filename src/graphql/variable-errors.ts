import type { GraphQLError } from 'graphql';

/** Reasons graphql-js gives that name only schema things (and an unknown field's name). */
const VALUE_FREE_REASONS: readonly RegExp[] = [
  /^Field "\w+" is not defined by type "\w+"\./,
  /^Field "\w+" of required type "[\w![\]]+" was not provided\./,
  /^Expected type "\w+" to be an object\./,
  // "String cannot represent a non string value: 7": the part before the value.
  /^\w+ cannot represent [^:"]*(?=:)/,
];

/**
 * graphql-js quotes the offending variable value in a coercion error — the whole input object when
 * a field is unknown (`Variable "$input" got invalid value { userName: "…", password: "…", x: 1 }`)
 * — and often again in the reason. A password sent beside a typo would be echoed to the client.
 * Such a message is rebuilt from what names the problem without a value: the variable, the path
 * inside it, and the reason when it is one of graphql-js's value-free ones. Undefined when `error`
 * is not a variable coercion error.
 */
export function variableErrorWithoutValue(error: GraphQLError): string | undefined {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(error.message)?.[1];
  if (variable === undefined) return undefined;
  const reason = error.originalError?.message ?? '';
  const prefix = error.message.endsWith(`; ${reason}`)
    ? error.message.slice(0, error.message.length - reason.length - 2)
    : '';
  // The path graphql-js prints is field names and list indexes only (`input.emails[0].value`).
  const path = new RegExp(` at "(${variable}(?:\\.\\w+|\\[\\d+\\])*)"$`).exec(prefix)?.[1];
  const known = VALUE_FREE_REASONS.map((pattern) => pattern.exec(reason)?.[0]).find(Boolean);
  return `Variable "$${variable}" got an invalid value${path ? ` at "${path}"` : ''}: ${
    known?.trim() ?? 'not a value of the expected type'
  }`;
}
