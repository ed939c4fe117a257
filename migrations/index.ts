import { InitialSchema1764200000000 } from './1764200000000-initial-schema';
import { ChangeEvents1765100000000 } from './1765100000000-change-events';
import { PersonalTokens1765100000001 } from './1765100000001-personal-tokens';

/** Every migration, in order, listed explicitly so the list works under ts and compiled to dist/. */
export const MIGRATIONS = [
  InitialSchema1764200000000,
  ChangeEvents1765100000000,
  PersonalTokens1765100000001,
];
