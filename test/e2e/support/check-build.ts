import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Jest globalSetup: the browser tests run the service as built by `npm run build` (which test:e2e runs). */
export default function checkBuild(): void {
  for (const file of ['dist/src/main.js', 'dist/console/index.html']) {
    if (!existsSync(path.join(ROOT, file)))
      throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
}
