/**
 * Scratch folders for generator tests: contract sets under `test/.tmp/` (inside the package, so contracts
 * resolve `effect-contracts` by self-reference), folder snapshots, and the `codegen` process. Test-only.
 */
import * as Command from "@effect/platform/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { fileURLToPath } from "node:url"

/** The repository root (no trailing slash). */
const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "")

const _bin = `${root}/generator/cli/bin.mjs`

/** A contract file declaring `body` (lines inside `Contract.make(name, { ... })`), starting at line 5. */
const contract = (name: string, body: ReadonlyArray<string>): string =>
  [
    `import { Contract } from "effect-contracts"`,
    `import * as Schema from "effect/Schema"`,
    ``,
    `export default Contract.make(${JSON.stringify(name)}, {`,
    ...body,
    `})`,
    ``
  ].join("\n")

/** The 1-based line of the `nth` line of `source` that contains `needle`. */
const lineOf = (source: string, needle: string, nth = 1): number => {
  const lines = source.split("\n").flatMap((l, i) => l.includes(needle) ? [i + 1] : [])
  const line = lines[nth - 1]
  return line === undefined ? Number.NaN : line
}

/**
 * A fresh folder `test/.tmp/<prefix><random>/` holding `files` (relative path → content), removed when the
 * scope closes. Its `paths` are what `Pipeline.run` takes: `contracts/`, `generated/`, `handlers/`.
 */
const make = (prefix: string, files: Readonly<Record<string, string>> = {}) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    yield* fs.makeDirectory(`${root}/test/.tmp`, { recursive: true })
    const dir = yield* fs.makeTempDirectoryScoped({ directory: `${root}/test/.tmp`, prefix })
    yield* write(dir, files)
    const paths = {
      cwd: dir,
      contracts: path.join(dir, "contracts"),
      generated: path.join(dir, "generated"),
      handlers: path.join(dir, "handlers")
    }
    return { dir, paths, rel: (p: string) => path.relative(dir, p) }
  })

/** Write `files` (relative path → content) under `dir`, creating folders. */
const write = (dir: string, files: Readonly<Record<string, string>>) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    yield* Effect.forEach(Object.entries(files), ([name, content]) =>
      fs.makeDirectory(path.dirname(path.join(dir, name)), { recursive: true }).pipe(
        Effect.zipRight(fs.writeFileString(path.join(dir, name), content))
      ), { discard: true })
  })

/** Copy every file of `from` into `to` (both absolute), keeping relative paths. */
const copy = (from: string, to: string) =>
  Effect.gen(function*() {
    const path = yield* Path.Path
    const files = yield* snapshot(from)
    yield* write(to, Object.fromEntries(Object.entries(files).map(([name, f]) => [name, f.content])))
    return path.resolve(to)
  })

/** Every file under `dir` (relative path → content and mtime); empty when `dir` does not exist. */
const snapshot = (dir: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const names = (yield* fs.exists(dir)) ? yield* fs.readDirectory(dir, { recursive: true }) : []
    const entries = yield* Effect.forEach(names.sort(), (name) =>
      fs.stat(path.join(dir, name)).pipe(Effect.flatMap((info) =>
        info.type !== "File"
          ? Effect.succeed([])
          : fs.readFileString(path.join(dir, name)).pipe(Effect.map((content) => [
            [name, { content, mtime: Option.getOrElse(Option.map(info.mtime, (d) => d.getTime()), () => 0) }] as const
          ]))
      )))
    return Object.fromEntries(entries.flat()) as Readonly<Record<string, { readonly content: string; readonly mtime: number }>>
  })

const _text = <E>(bytes: Stream.Stream<Uint8Array, E>) =>
  bytes.pipe(Stream.decodeText(), Stream.mkString, Effect.map((s) => s.replace(/\u001b\[[0-9;]*m/g, "")))

/** Run a process to its end in `cwd`, colours off: its exit code, stdout and stderr. */
const exec = (command: string, args: ReadonlyArray<string>, cwd: string = root) =>
  Effect.gen(function*() {
    const proc = yield* Command.start(
      Command.make(command, ...args).pipe(Command.workingDirectory(cwd), Command.env({ NO_COLOR: "1", FORCE_COLOR: "0" }))
    )
    const [status, stdout, stderr] = yield* Effect.all([proc.exitCode, _text(proc.stdout), _text(proc.stderr)], {
      concurrency: "unbounded"
    })
    return { status: Number(status), stdout, stderr }
  }).pipe(Effect.scoped)

/** Run `node generator/cli/bin.mjs ...args` in `cwd` (default: the repository root). */
const codegen = (args: ReadonlyArray<string>, cwd: string = root) => exec(process.execPath, [_bin, ...args], cwd)

export const Scratch = { root, contract, lineOf, make, write, copy, snapshot, exec, codegen } as const
