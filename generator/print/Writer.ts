/**
 * The writer: compares planned files with the disk, then either reports what is stale (`--check`) or
 * writes. Generated files are replaced atomically, stubs only created, orphaned generated files removed.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import { Printer } from "./Printer.js"

/**
 * A planned file's status; `existing` lists the files on disk, so a missing file costs no syscall, and `disk`
 * (a watch session's memory of what it wrote and read) spares reading a file it knows to be unchanged.
 */
const _status = (fs: FileSystem.FileSystem, existing: ReadonlySet<string>, file: Printer.File, disk?: Map<string, string>) =>
  (!existing.has(file.path)
    ? Effect.succeed<Writer.Status>("missing")
    : file.kind === "stub" || disk?.get(file.path) === file.content
    ? Effect.succeed<Writer.Status>("unchanged")
    : fs.readFileString(file.path).pipe(
      Effect.tap((t) => Effect.sync(() => disk?.set(file.path, t))),
      Effect.map((t): Writer.Status => t === file.content ? "unchanged" : "changed")
    ))
    .pipe(Effect.map((status) => ({ path: file.path, kind: file.kind, status })))

/** Every `.ts` file under a folder (none when it does not exist), as absolute paths. */
const _list = (fs: FileSystem.FileSystem, path: Path.Path, root: string) =>
  fs.exists(root).pipe(
    Effect.flatMap((exists) => exists ? fs.readDirectory(root, { recursive: true }) : Effect.succeed([])),
    Effect.map((names) => names.filter((n) => n.endsWith(".ts")).map((n) => path.join(root, n)))
  )

/**
 * Compare every planned file with the disk. Orphans are files under the generated folder that carry the
 * generated marker but are no longer planned (their contract or declaration is gone); strays are files there
 * without the marker, which codegen did not write and never deletes, but reports.
 */
const plan = Effect.fn("Writer.plan")(function*(files: ReadonlyArray<Printer.File>, roots: Writer.Roots, disk?: Map<string, string>) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const generated = yield* _list(fs, path, roots.generated)
  const existing = new Set([...generated, ...(yield* _list(fs, path, roots.handlers))])
  const entries = yield* Effect.forEach(files, (f) => _status(fs, existing, f, disk), { concurrency: 32 })
  const planned = new Set(files.map((f) => f.path))
  const unplanned = yield* Effect.forEach(
    generated.filter((p) => !planned.has(p)),
    (p) => fs.readFileString(p).pipe(Effect.map((t): Writer.Entry => ({ path: p, kind: "generated", status: t.startsWith(Printer.marker) ? "orphan" : "stray" })))
  )
  return [...entries, ...unplanned].sort((a, b) => a.path < b.path ? -1 : 1)
})

/**
 * Apply a plan. New files are written in place; changed files go to a temp file beside their target
 * and are all renamed into place once every write succeeded, so a failure never leaves a half-written
 * file. Then orphans are removed (with folders they leave empty).
 */
const apply = Effect.fn("Writer.apply")(function*(files: ReadonlyArray<Printer.File>, entries: ReadonlyArray<Writer.Entry>, disk?: Map<string, string>) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const byPath = new Map(files.map((f) => [f.path, f]))
  const todo = entries.filter((e) => e.status !== "unchanged" && e.status !== "stray")
  const writes = todo.flatMap((e) => {
    const file = byPath.get(e.path)
    return file === undefined ? [] : [{ file, tmp: e.status === "missing" ? e.path : `${e.path}.${process.pid}.tmp` }]
  })
  const renames = writes.filter((w) => w.tmp !== w.file.path)
  const orphans = todo.filter((e) => !byPath.has(e.path)).map((e) => e.path)
  const dirs = [...new Set(writes.map((w) => path.dirname(w.tmp)))]
  yield* Effect.forEach(dirs, (d) => fs.makeDirectory(d, { recursive: true }), { discard: true, concurrency: 16 })
  yield* Effect.forEach(writes, (w) => fs.writeFileString(w.tmp, w.file.content), { discard: true, concurrency: 32 }).pipe(
    Effect.tapError(() => Effect.forEach(renames, (w) => Effect.ignore(fs.remove(w.tmp)), { discard: true }))
  )
  yield* Effect.forEach(renames, (w) => fs.rename(w.tmp, w.file.path), { discard: true, concurrency: 16 })
  writes.forEach((w) => disk?.set(w.file.path, w.file.content))
  yield* Effect.forEach(orphans, (p) =>
    fs.remove(p).pipe(
      Effect.zipRight(fs.readDirectory(path.dirname(p))),
      Effect.flatMap((left) => left.length === 0 ? fs.remove(path.dirname(p), { recursive: true }) : Effect.void)
    ), { discard: true })
  return todo
})

export const Writer = { plan, apply } as const

export declare namespace Writer {
  /** The folders a plan looks at: generated files (and orphans) and handler stubs. */
  interface Roots {
    readonly generated: string
    readonly handlers: string
  }
  type Status = "unchanged" | "changed" | "missing" | "orphan" | "stray"
  interface Entry {
    readonly path: string
    readonly kind: Printer.Kind
    readonly status: Status
  }
}
