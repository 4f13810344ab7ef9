// `npm run demo`: runs the built command's demo, building first only when dist/ is older
// than the sources, and saying so (a build takes up to a minute on a slow machine).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const built = join(root, "dist", "cli.js");

function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const sources = Math.max(
  newest(join(root, "src")),
  newest(join(root, "package.json")),
  newest(join(root, "tsup.config.ts")),
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  process.stderr.write("demo: building… (dist/ is missing or older than src/; up to a minute)\n");
  const build = spawnSync(
    process.platform === "win32" ? "npm.cmd" : "npm",
    ["run", "build", "--silent", "--", "--silent"],
    {
      cwd: root,
      stdio: "inherit",
      shell: process.platform === "win32",
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const demo = spawnSync(process.execPath, [built, "demo", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(demo.status ?? 1);
