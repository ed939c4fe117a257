import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

interface LockedPackage {
  readonly engines?: { readonly node?: string } | string[];
}

const root = join(__dirname, '..', '..');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
const supported = read<{ engines: { node: string } }>('package.json').engines.node;
const locked = read<{ packages: Record<string, LockedPackage> }>('package-lock.json').packages;

/** The oldest version of each Node line package.json promises, e.g. 20.19.0 and 22.13.0. */
const oldestOfEachLine = new semver.Range(supported).set.map(
  (comparators) => semver.minVersion(comparators.map((c) => c.value).join(' '))!.version,
);

describe('package.json engines states the Node versions every locked package supports', () => {
  it.each(oldestOfEachLine)('no locked package refuses Node %s (npm EBADENGINE)', (version) => {
    const refusing = Object.entries(locked)
      .map(([name, entry]) => ({
        name,
        range: Array.isArray(entry.engines) ? undefined : entry.engines?.node,
      }))
      .filter(({ range }) => range !== undefined && !semver.satisfies(version, range))
      .map(({ name, range }) => `${name} (${range})`);
    expect(refusing).toEqual([]);
  });

  it('includes the Node version running the tests', () => {
    expect(semver.satisfies(process.version, supported)).toBe(true);
  });
});
