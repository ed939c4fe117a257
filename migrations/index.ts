import { InitialSchema1764200000000 } from './1764200000000-initial-schema';

/** Every migration, in order, listed explicitly so the list works under ts and compiled to dist/. */
export const MIGRATIONS = [InitialSchema1764200000000];
