import { rmSync } from 'node:fs';
import {
  DATABASE,
  WORK_DIR,
  ensureWorkDir,
  galera,
  galeraIsUp,
  instanceUrl,
  isReady,
  readState,
  sqlOn,
  startHaproxy,
  startInstance,
  tokenSecret,
  waitUntil,
  writeState,
  kill,
} from './cluster';

/** Brings up Galera (unless it already runs), a fresh database, 3 instances and HAProxy. */
export default async function globalSetup(): Promise<void> {
  try {
    const previous = readState();
    for (const instance of previous.instances) kill(instance.pid);
    kill(previous.haproxyPid);
  } catch {
    // no previous run
  }
  rmSync(WORK_DIR, { recursive: true, force: true });
  ensureWorkDir();
  const startedGalera = ![1, 2, 3].every(galeraIsUp);
  if (startedGalera) galera(['up']);
  // A cluster started before scripts/galera-up.sh set causal reads gets them now (new sessions).
  for (const node of [1, 2, 3]) {
    const connection = await sqlOn(node, null);
    await connection.query('SET GLOBAL wsrep_sync_wait = 1');
    await connection.end();
  }
  const admin = await sqlOn(1, null);
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const tokens = { adminToken: tokenSecret(), scimToken: tokenSecret() };
  const instances = [];
  // One at a time: the first runs the migrations and the first-start bootstrap.
  for (const index of [1, 2, 3]) {
    const pid = startInstance(index, tokens);
    await waitUntil(`instance ${index} ready`, () => isReady(instanceUrl(index)));
    instances.push({ index, port: Number(new URL(instanceUrl(index)).port), pid });
  }
  const haproxyPid = startHaproxy();
  writeState({ balancerUrl: 'http://127.0.0.1:4700', ...tokens, startedGalera, instances, haproxyPid });
  await waitUntil('HAProxy forwarding', () => isReady('http://127.0.0.1:4700'));
}
