import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}

interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/** Where a frame's code lives: a package, one of our folders, node itself, or V8's pseudo-frames. */
export function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/(?:dist\/)?(src|migrations)\/(?:([^/]+)\/)?/.exec(url);
  if (ours) return `ours:${ours[1]}/${ours[2] ?? ''}`;
  if (url.startsWith('node:')) return 'node:internals';
  return url;
}

const key = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(dist\/)?src\//, 'src/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};

/** The newest .cpuprofile in `dir`. */
export function newestProfile(dir: string): string | null {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ?? null;
}

const top = (map: Map<string, number>, count: number, total: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, us]) =>
        `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );

/** Self time by area and by function, and inclusive time by function (each counted once per stack). */
export function summarizeProfile(file: string, count = 30): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    total += delta;
    const name = node.callFrame.functionName;
    if (name === '(idle)') return;
    busy += delta;
    self.set(key(node), (self.get(key(node)) ?? 0) + delta);
    const area = areaOf(node.callFrame.url, name);
    areas.set(area, (areas.get(area) ?? 0) + delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || frame.callFrame.functionName === '(root)') continue;
      const k = key(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
    }
  });
  return [
    `Profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (not idle). Shares are of busy time.`,
    '',
    'Self time by area:',
    ...top(areas, 25, busy),
    '',
    'Self time by function:',
    ...top(self, count, busy),
    '',
    'Inclusive time by function:',
    ...top(inclusive, count + 20, busy),
  ].join('\n');
}
