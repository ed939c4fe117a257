import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphqlContext } from './context';

/** One finished GraphQL operation, for metrics. */
export interface OperationRecord {
  /** The operation's name; `(anonymous)`, or `(other)` past the cap on distinct names. */
  readonly name: string;
  /** query, mutation, subscription — or `unknown` when the document did not parse or validate. */
  readonly type: string;
  /** `ok`, or the first error's `extensions.code`. */
  readonly outcome: string;
  readonly seconds: number;
}

export type OperationRecorder = (record: OperationRecord) => void;

/** Distinct operation names kept as label values; clients choose names, so they must not grow series without end. */
const MAX_NAMES = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Reports every operation the endpoint answered: its name, type, outcome and duration. */
export function operationMetricsPlugin(record: OperationRecorder): ApolloServerPlugin<GraphqlContext> {
  const names = new Set<string>();
  const label = (name: string | null | undefined) => {
    if (!name) return '(anonymous)';
    if (!NAME.test(name)) return '(other)';
    if (names.has(name)) return name;
    if (names.size >= MAX_NAMES) return '(other)';
    names.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.[0]?.extensions?.code;
          record({
            name: label(operationName),
            type: operation?.operation ?? 'unknown',
            outcome: errors?.length ? (typeof code === 'string' ? code : 'error') : 'ok',
            seconds: (performance.now() - started) / 1000,
          });
        },
      };
    },
  };
}
