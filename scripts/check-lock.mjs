// Fails when an npm lock file lacks an optional dependency that a locked package
// declares: a lock pruned to one platform (npm sometimes writes only this
// machine's esbuild/rollup/Tauri CLI binaries) cannot be installed with `npm ci`
// elsewhere, and `npm install` rewrites it, leaving the tree modified.
// Usage: node scripts/check-lock.mjs ui/package-lock.json [e2e/package-lock.json ...]
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

let failed = false;
for (const file of process.argv.slice(2)) {
  const { packages = {} } = JSON.parse(readFileSync(file, 'utf8'));
  const missing = [];
  for (const [path, pkg] of Object.entries(packages)) {
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      // npm resolves a dependency from the package's own node_modules upwards
      let dir = path;
      let found = false;
      for (;;) {
        if (packages[`${dir ? `${dir}/` : ''}node_modules/${dep}`]) { found = true; break; }
        const at = dir.lastIndexOf('node_modules/');
        if (at < 0) break;
        dir = dir.slice(0, at).replace(/\/$/, '');
      }
      if (!found) missing.push(`${path || '(root)'} -> ${dep}`);
    }
  }
  if (missing.length) {
    failed = true;
    console.error(`${file} lacks ${missing.length} optional package(s), e.g. ${missing.slice(0, 3).join(', ')}`);
    console.error(`  regenerate it: (cd ${dirname(file)} && npm install --package-lock-only)`);
  }
}
process.exit(failed ? 1 : 0);
