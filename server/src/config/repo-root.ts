import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** The monorepo root (the package.json with workspaces), found upward from the working directory. */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = process.cwd();
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces) return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) return (cached = process.cwd());
    dir = up;
  }
}
