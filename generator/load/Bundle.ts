/**
 * Bundle: loads the contracts of a run without a TypeScript loader. One esbuild build (CommonJS, in memory)
 * of every contract, run in this process; each contract is evaluated lazily so one that throws fails
 * alone, and `effect` is served from the generator's own instance. Writes nothing; never throws.
 */
import * as esbuild from "esbuild"
import * as effect from "effect"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { createRequire, SourceMap, type SourceMapping } from "node:module"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as vm from "node:vm"
import { ContractError } from "../ContractError.js"
import { Isomorphic } from "./Isomorphic.js"
import { Load } from "./Load.js"

type _Loaded = Either.Either<unknown, ContractError>
/** A loaded contract and the source files it was built from (empty when the build failed). */
type _WithInputs = { readonly value: _Loaded; readonly inputs: ReadonlyArray<string> }
type _Loader = () => { readonly default?: unknown }

/** `effect` and every `effect/*` module, as this process has them: contracts share the generator's instance. */
const _effect: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["effect", effect],
  ...Object.entries(effect).flatMap(([name, m]) => typeof m === "object" && m !== null ? [[`effect/${name}`, m] as const] : [])
])

/**
 * Contracts import `effect/*` as bundled ESM modules that re-export this process's modules, name by name:
 * esbuild then links the names directly, where a plain CommonJS external would be copied into a fresh
 * namespace object in every contract that imports it. Other packages stay external.
 */
const _hostPrefix = "effect-contracts-host:"
const _host: esbuild.Plugin = {
  name: "effect-contracts-host",
  setup: (build) => {
    build.onResolve({ filter: /^effect(\/|$)/ }, (args) => _effect.has(args.path) ? { path: args.path, namespace: "host" } : undefined)
    build.onLoad({ filter: /.*/, namespace: "host" }, (args) => {
      const names = Object.keys(_effect.get(args.path) ?? {})
      return {
        loader: "js",
        contents: [
          `const m = require(${JSON.stringify(`${_hostPrefix}${args.path}`)})`,
          ...names.map((name, i) => `const _${i} = m[${JSON.stringify(name)}]`),
          `export { ${names.map((name, i) => `_${i} as ${JSON.stringify(name)}`).join(", ")} }`
        ].join("\n")
      }
    })
  }
}

const _hint = Load.evaluationHint

const _isomorphicHint = "contracts declare schemas only: keep server code in handlers and the main, which codegen never imports"

const _buildHint = "a file the contract imports could not be read or resolved: check the import path and that the file compiles"

/** A load error: at evaluation (`_hint`, which `TypeCheck` explains), at build, or an isomorphism breach. */
const _error = (file: string, line: number, message: string, kind: "evaluate" | "build" | "isomorphic" = "evaluate") =>
  kind === "isomorphic"
    ? new ContractError({ file, line, message, hint: _isomorphicHint })
    : new ContractError({ file, line, message: `the contract failed to load: ${message.split("\n")[0]}`, hint: kind === "build" ? _buildHint : _hint })

/** One CommonJS bundle whose `module.exports` is one loader per file, in order; source map beside it. */
const _build = (files: ReadonlyArray<string>, outfile: string) =>
  Effect.tryPromise({
    try: () =>
      esbuild.build({
        stdin: {
          contents: `module.exports = [${files.map((f) => `() => require(${JSON.stringify(f)})`).join(", ")}]\n`,
          resolveDir: path.dirname(outfile),
          sourcefile: "effect-contracts-entry.js",
          loader: "js"
        },
        absWorkingDir: path.dirname(outfile),
        outfile,
        bundle: true,
        write: false,
        format: "cjs",
        platform: "node",
        target: "node20",
        external: ["effect", "@effect/*", `${_hostPrefix}*`],
        plugins: [Isomorphic.plugin, _host],
        banner: { js: "\"use strict\";" },
        sourcemap: "external",
        sourcesContent: false,
        metafile: true,
        logLevel: "silent"
      }),
    catch: (cause) => cause
  }).pipe(Effect.map((r) => ({
    js: r.outputFiles.find((o) => o.path === outfile)?.text ?? "",
    map: () => new SourceMap(JSON.parse(r.outputFiles.find((o) => o.path === `${outfile}.map`)?.text ?? "{}") as SourceMap["payload"]),
    inputs: (file: string) => _closure(r.metafile, path.dirname(outfile), file)
  })))

/** The source files `file` is built from (itself and every local file it imports, transitively), absolute. */
const _closure = (meta: esbuild.Metafile, cwd: string, file: string): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const queue = [path.relative(cwd, file)]
  for (let k = queue.pop(); k !== undefined; k = queue.pop()) {
    const input = seen.has(k) ? undefined : meta.inputs[k]
    if (input !== undefined) {
      seen.add(k)
      queue.push(...input.imports.filter((i) => i.external !== true).map((i) => i.path))
    }
  }
  return [...seen].map((k) => path.resolve(cwd, k))
}

/** The build's errors as one contract error of `file`: at its line when esbuild points into `file` itself. */
const _buildError = (file: string, cwd: string, cause: unknown): ContractError => {
  const first = (cause as Partial<esbuild.BuildFailure>).errors?.[0]
  const at = first?.location ?? undefined
  const kind = first?.pluginName === Isomorphic.plugin.name ? "isomorphic" : "build"
  return first === undefined
    ? _error(file, 1, cause instanceof Error ? cause.message : String(cause), "build")
    : at === undefined
    ? _error(file, 1, first.text, kind)
    : path.resolve(cwd, at.file) === file
    ? _error(file, at.line, first.text, kind)
    : _error(file, 1, `${path.relative(path.dirname(file), path.resolve(cwd, at.file))}:${at.line}: ${first.text}`, kind)
}

/** Evaluate the bundle: the loaders it exports. `effect` comes from this process; other packages from disk. */
const _run = (js: string, outfile: string) =>
  Effect.try({
    try: () => {
      const script = new vm.Script(`(function (module, require) {${js}\n})`, {
        filename: outfile,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
      })
      const fromDisk = createRequire(outfile)
      const module = { exports: [] as ReadonlyArray<_Loader> }
      const fn = script.runInThisContext() as (m: typeof module, r: (id: string) => unknown) => void
      fn(module, (id) => id.startsWith(_hostPrefix) ? _effect.get(id.slice(_hostPrefix.length)) : fromDisk(id))
      return module.exports
    },
    catch: (cause) => cause
  })

/** A source map's `sources` entry as an absolute path (esbuild writes them relative to the bundle). */
const _source = (outfile: string, source: string): string =>
  source.startsWith("file:") ? fileURLToPath(source) : path.resolve(path.dirname(outfile), source)

/** The line in `file` of the first stack frame (mapped through the bundle's source map) that is in `file`. */
const _lineIn = (file: string, outfile: string, sourceMap: () => SourceMap, stack: string): number => {
  const map = sourceMap()
  const lines = stack.split("\n").flatMap((frame) => {
    const m = frame.includes(outfile) ? /:(\d+):(\d+)\)?$/.exec(frame) : null
    const entry: Partial<SourceMapping> = m === null ? {} : map.findEntry(Number(m[1]) - 1, Number(m[2]) - 1)
    return entry.originalSource !== undefined && entry.originalLine !== undefined && _source(outfile, entry.originalSource) === file
      ? [entry.originalLine + 1]
      : []
  })
  return lines[0] ?? 1
}

const _load = (file: string, loader: _Loader | undefined, outfile: string, map: () => SourceMap): _Loaded =>
  Either.try({
    try: () => loader?.().default,
    catch: (cause) => {
      const e = cause instanceof Error ? cause : new Error(String(cause))
      return _error(file, _lineIn(file, outfile, map, e.stack ?? ""), e.message)
    }
  })

/** Build and load `files` together; when the build fails, each file alone, so every bad one is named. */
const _batch = (files: ReadonlyArray<string>, outfile: string): Effect.Effect<ReadonlyArray<_WithInputs>> =>
  _build(files, outfile).pipe(
    Effect.flatMap(({ js, map, inputs }) =>
      _run(js, outfile).pipe(Effect.map((loaders) => files.map((f, i) => ({ value: _load(f, loaders[i], outfile, map), inputs: inputs(f) }))))
    ),
    Effect.catchAll((cause) =>
      files.length === 1
        ? Effect.succeed([{ value: Either.left(_buildError(files[0]!, path.dirname(outfile), cause)), inputs: [] }])
        : Effect.forEach(files, (f) => _batch([f], outfile), { concurrency: "unbounded" }).pipe(Effect.map((xs) => xs.flat()))
    )
  )

/**
 * Load every contract module of a run: each one's default export (undefined when it has none), or an
 * error at the contract's `file:line` (the throwing line, mapped back through the source map); with the
 * source files each was built from, so a watch can tell which contracts a saved file affects.
 */
const withInputs = (files: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<_WithInputs>> =>
  files.length === 0
    ? Effect.succeed([])
    : _batch(files, path.join(path.dirname(files[0]!), "effect-contracts.bundle.cjs"))

/** `withInputs`, the values only. */
const load = (files: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<_Loaded>> =>
  Effect.map(withInputs(files), (xs) => xs.map((x) => x.value))

export const Bundle = { load, withInputs } as const

export declare namespace Bundle {
  type Loaded = _WithInputs
}
