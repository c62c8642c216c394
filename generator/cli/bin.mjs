#!/usr/bin/env node
// The `codegen` bin. Runs the generator from one CommonJS bundle of generator/cli/main.ts and everything it
// imports (esbuild; rebuilt only when one of its inputs changed), compiled with a V8 code cache, and
// preloads ts-morph with a code cache too: no TypeScript loader and no module graph to walk at start-up.
// Contracts are bundled per run by the generator itself (generator/load/Bundle.ts).
import { createHash } from "node:crypto"
import { accessSync, constants, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs"
import Module, { createRequire } from "node:module"
import { tmpdir } from "node:os"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { compile, requireCached } from "./v8cache.mjs"

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)))
const entry = path.join(root, "generator", "cli", "main.ts")

/** node_modules/.cache/effect-contracts of this package, or a folder in the temp dir when that is read-only. */
const cacheDir = [
  path.join(root, "node_modules", ".cache", "effect-contracts"),
  path.join(tmpdir(), `effect-contracts-${createHash("sha1").update(root).digest("hex").slice(0, 12)}`)
].find((dir) => {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
    return true
  } catch {
    return false
  }
})
if (cacheDir === undefined) throw new Error(`codegen: no writable cache folder (${root}/node_modules/.cache, ${tmpdir()})`)
// Named after this checkout's real path: two checkouts sharing one node_modules (a symlink, a copy) each
// build and run their own generator; the stamps below then keep each bundle fresh against its own sources.
const bundle = path.join(cacheDir, `generator-${createHash("sha1").update(realpathSync(root)).digest("hex").slice(0, 12)}.cjs`)

/**
 * What the bundle was built from, as [path, size, mtime]: its own source files, and for each package it
 * bundled only that package's package.json, which every install rewrites (stat-ing all ~800 files of the
 * bundle would cost ~17 ms a run; a hand edit inside node_modules needs the cache folder removed).
 */
const _stamps = (inputs) =>
  [...new Set(inputs.map((file) => /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1].concat("/package.json") ?? file))]
    .map((file) => {
      const s = statSync(file, { throwIfNoEntry: false })
      return [file, s?.size, s?.mtimeMs]
    })

/** The bundle is fresh when every file it was built from still has the size and mtime it had then. */
const fresh = () => {
  try {
    const { stamps } = JSON.parse(readFileSync(`${bundle}.json`, "utf8"))
    return JSON.stringify(_stamps(stamps.map(([file]) => file))) === JSON.stringify(stamps)
  } catch {
    return false
  }
}

/** Bundle generator/cli/main.ts and all it imports except ts-morph and esbuild; write it and its stamps. */
const build = () => {
  const esbuild = createRequire(import.meta.url)("esbuild")
  const result = esbuild.buildSync({
    entryPoints: [entry],
    absWorkingDir: root,
    outfile: bundle,
    bundle: true,
    write: false,
    metafile: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external: ["ts-morph", "esbuild"],
    define: { "import.meta.url": "__effectContractsImportMetaUrl" },
    banner: { js: "\"use strict\";" },
    logLevel: "error"
  })
  const write = (file, text) => {
    writeFileSync(`${file}.${process.pid}.tmp`, text)
    renameSync(`${file}.${process.pid}.tmp`, file)
  }
  write(bundle, result.outputFiles[0].text)
  write(`${bundle}.json`, JSON.stringify({ stamps: _stamps(Object.keys(result.metafile.inputs).map((file) => path.resolve(root, file))) }))
}

if (!fresh()) build()
// Discover requires ts-morph (CommonJS, ~10 MB): load it now, with a code cache, so that finds it loaded.
requireCached(cacheDir, entry, "ts-morph")
const { size, mtimeMs } = statSync(bundle)
const run = compile(
  cacheDir,
  `(function (exports, require, module, __filename, __dirname, __effectContractsImportMetaUrl) {${readFileSync(bundle, "utf8")}\n})`,
  bundle,
  `${size}\0${mtimeMs}`
)
const module = new Module(bundle)
// The bundle resolves its external packages (esbuild, ts-morph) and `import.meta.url` as generator/cli/main.ts.
run(module.exports, createRequire(entry), module, bundle, path.dirname(bundle), pathToFileURL(entry).href)
