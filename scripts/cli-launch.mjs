// `npm run cli`'s entry. It runs scripts/cli.ts compiled by esbuild (which tsx already brings) instead of
// through tsx's loader, which compiled every TypeScript file the CLI reaches on every start; with each
// command in a chunk of its own, a command loads only its own code and libraries. Together about 1 s of
// each command, a fifth of a big import. The build lives in node_modules/.cache and is redone (~0.5 s)
// whenever any file it was built from is newer than it, so an edit is always picked up; packages stay
// external, so node_modules is used as installed. Plain JavaScript: it runs before anything is compiled.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const cacheDir = path.join(root, "node_modules", ".cache", "marketlens-cli");
const currentFile = path.join(cacheDir, "current.json");

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity; // a source that is gone, or a build never finished: build again
  }
}

/** The build to run: { dir, inputs } when it is newer than every file it was built from, else null. */
function freshBuild() {
  let current;
  try {
    current = JSON.parse(readFileSync(currentFile, "utf8"));
  } catch {
    return null;
  }
  const entry = path.join(cacheDir, String(current.dir), "cli.mjs");
  const built = mtime(entry);
  if (built === Infinity || !Array.isArray(current.inputs)) return null;
  return current.inputs.every((f) => mtime(path.join(root, f)) <= built) ? current : null;
}

async function rebuild() {
  const { build } = await import("esbuild");
  // Each build in a folder of its own, made current by renaming one small file: a command starting meanwhile
  // runs the previous build whole, never half of each.
  const dir = `build-${Date.now()}-${process.pid}`;
  const result = await build({
    absWorkingDir: root,
    // The import's reading thread is started from its own file (lib/services/import/read-prepared.ts).
    entryPoints: { cli: "scripts/cli.ts", "prepare-worker": "lib/services/import/prepare-worker.ts" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir: path.join(cacheDir, dir),
    outExtension: { ".js": ".mjs" },
    sourcemap: "linked",
    metafile: true,
    logLevel: "error",
    // Bundled CommonJS-style code (Prisma's generated client) still finds `require`.
    banner: { js: 'import { createRequire as __marketlensRequire } from "node:module"; const require = __marketlensRequire(import.meta.url);' },
  });
  const inputs = [...Object.keys(result.metafile.inputs), "tsconfig.json", "package.json"];
  const tmp = `${currentFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  renameSync(tmp, currentFile);
  // Older builds go, except the one before: a command that started on it may still load its chunks.
  const builds = readdirSync(cacheDir).filter((d) => d.startsWith("build-") && d !== dir).sort();
  for (const old of builds.slice(0, -1)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  return { dir };
}

let current = freshBuild();
if (!current) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    current = await rebuild();
  } catch (e) {
    // esbuild has printed the file and line; this says what failed.
    console.error(`cli: could not compile scripts/cli.ts (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
    process.exit(1);
  }
}
await import(pathToFileURL(path.join(cacheDir, current.dir, "cli.mjs")).href);
