import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'oxide-webhooks';

/**
 * Returns the version from the package's `package.json`, found by walking up from this
 * script's folder (`dist/` in a build, `out/cli/src/` when compiled by tsc). Returns
 * `unknown` when no such file is found.
 */
export function readToolVersion(): string {
  let folder = __dirname;
  for (let depth = 0; depth < 5; depth++) {
    const version = versionIn(path.join(folder, 'package.json'));
    if (version !== undefined) {
      return version;
    }
    folder = path.dirname(folder);
  }
  return 'unknown';
}

function versionIn(manifestPath: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
      name?: unknown;
      version?: unknown;
    };
    if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') {
      return manifest.version;
    }
  } catch {
    // A missing or unreadable manifest means the search goes on one folder up.
  }
  return undefined;
}
