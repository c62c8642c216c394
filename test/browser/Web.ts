/**
 * The example web page built for the browser tests with Vite's JavaScript API and the page's own config
 * (examples/web/vite.config.ts) into the artifact folder, so a clean clone needs no build step before `npm test`;
 * built again only when a file the last build read has changed. Its stale twin is the same page with another
 * client version baked in: a page built before the server's contracts changed, which the server really refuses.
 */
import * as Effect from "effect/Effect"
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "vite"
import type { Plugin, Rollup } from "vite"

const _root = fileURLToPath(new URL("../..", import.meta.url))
const _config = join(_root, "examples/web/vite.config.ts")

/** Rewrite the generated client's `ClientVersion` to `version` while Vite loads it (the real file is untouched). */
const _version = (version: string): Plugin => ({
  name: "effect-contracts-test:client-version",
  enforce: "pre",
  transform: (code, id) => id.endsWith("/examples/generated/Client.ts") ? code.replace(/ClientVersion = "\w+"/, `ClientVersion = "${version}"`) : undefined
})

/** The page's JavaScript, as built into `outDir`. */
const _scripts = (outDir: string) =>
  readdirSync(join(outDir, "assets")).filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(outDir, "assets", f), "utf8")).join("\n")

/** The files a build read: its modules (sources and packages), and what is not a module of it. */
const _read = (output: Rollup.RollupOutput) => [
  _config,
  join(_root, "examples/web/index.html"),
  join(_root, "package-lock.json"),
  join(_root, "tsconfig.json"),
  fileURLToPath(import.meta.url),
  ...output.output.flatMap((o) => o.type === "chunk" ? o.moduleIds : []).filter((id) => id.startsWith("/")).map((id) => id.replace(/\?.*$/, ""))
]

/**
 * Build the page into `outDir`, served by a pod at `base` (`/app/`, or a folder under it). With `version`, the
 * client in it sends that version instead of the generated one; the build fails if it was not baked in.
 * Resolves with the files the build read.
 */
const page = (outDir: string, options: { readonly base?: string; readonly version?: string } = {}) =>
  Effect.tryPromise(() =>
    build({
      configFile: _config,
      base: options.base ?? "/app/",
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
      plugins: options.version === undefined ? [] : [_version(options.version)]
    })
  ).pipe(
    Effect.orDie,
    Effect.filterOrDieMessage(
      () => options.version === undefined || _scripts(outDir).includes(`"${options.version}"`),
      `the stale client version was not baked into ${outDir}`
    ),
    Effect.map((output) => [...new Set((Array.isArray(output) ? output : [output]).flatMap((o) => "output" in o ? _read(o) : []))])
  )

const _hash = (file: string) => existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : "missing"

/** What the stamp of a build records: the stale version and each file read with its hash. */
const _stamp = (staleVersion: string, files: ReadonlyArray<string>) =>
  JSON.stringify({ staleVersion, files: Object.fromEntries([...files].sort().map((f) => [f, _hash(f)])) })

/** Whether `stamp` was written by a build of these very files (none changed since) and this stale version. */
const _fresh = (stamp: string, staleVersion: string) => {
  const recorded = existsSync(stamp) ? JSON.parse(readFileSync(stamp, "utf8")) as { staleVersion: string; files: Record<string, string> } : undefined
  return recorded !== undefined && _stamp(staleVersion, Object.keys(recorded.files)) === JSON.stringify(recorded)
}

/**
 * The page at `/app/` and its stale twin at `/app/stale/` (client version `staleVersion`), built into `outDir`
 * unless it already holds builds of exactly the files they would read now (a stamp records their hashes).
 */
const pages = (outDir: string, staleVersion: string) =>
  Effect.gen(function*() {
    const stamp = join(outDir, "stale", ".inputs.json")
    yield* _fresh(stamp, staleVersion) ? Effect.void : Effect.gen(function*() {
      const current = yield* page(outDir)
      const stale = yield* page(join(outDir, "stale"), { base: "/app/stale/", version: staleVersion })
      writeFileSync(stamp, _stamp(staleVersion, [...new Set([...current, ...stale])]))
    })
    return outDir
  })

/** The page's test builds: `Web.pages(outDir, staleVersion)`, and one of them, `Web.page(outDir, { base, version })`. */
export const Web = { page, pages } as const
