import { galera, kill, readState } from './cluster';

/** Stops what global-setup started: instances, HAProxy, and Galera when the suite started it. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  for (const instance of state.instances) kill(instance.pid);
  kill(state.haproxyPid);
  if (state.startedGalera) galera(['down']);
}
