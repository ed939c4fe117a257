/** Options that take no value (`--platform`); they read as "true". */
const FLAGS = new Set(['platform']);

/** Positional arguments and `--name value` options; any other `--flag` without a value is an error. */
export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (FLAGS.has(name) && inline === undefined) {
      options.set(name, 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  return { positional, options };
}

/** `never` → null; `<n>d` → n days from `now`. */
export function parseExpiry(value: string | undefined, now: Date): Date | null {
  if (value === undefined || value === 'never') return null;
  const match = /^(\d{1,5})d$/.exec(value);
  if (!match || Number(match[1]) === 0)
    throw new UsageError('--expires must be "never" or a number of days like "90d"');
  return new Date(now.getTime() + Number(match[1]) * 86_400_000);
}
