import { InitialSchema1764200000000 } from './1764200000000-initial-schema';
import { Connections1765100000000 } from './1765100000000-connections';
import { ConnectionHealth1765200000000 } from './1765200000000-connection-health';
import { ConnectionRequests1765300000000 } from './1765300000000-connection-requests';
import { ConnectionQuirks1765400000000 } from './1765400000000-connection-quirks';

/** Every migration, in order, listed explicitly so the list works under ts and compiled to dist/. */
export const MIGRATIONS = [
  InitialSchema1764200000000,
  Connections1765100000000,
  ConnectionHealth1765200000000,
  ConnectionRequests1765300000000,
  ConnectionQuirks1765400000000,
];
