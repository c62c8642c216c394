/**
 * `codegen --watch`: generate once, then again whenever a file under the contracts folder changes (one
 * watcher per folder, events of one save coalesced), one line per run. A bad contract is reported and
 * the watch goes on; it never exits on its own.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import { watch } from "node:fs"
import type { Config } from "../Config.js"
import { ContractError } from "../ContractError.js"
import { Pipeline } from "../Pipeline.js"
import { Session } from "../Session.js"

/** How long a burst of events (an editor's write, rename and chmod of one save) is collected before a run. */
const _settle = Duration.millis(15)

const _clock = Effect.map(DateTime.now, (now) => DateTime.formatIso(now).slice(11, 19))

/** One run of the pipeline, reported in one line (or the contract errors under it). */
const once = (paths: Config.Resolved, trigger: string) =>
  Effect.gen(function*() {
    const path = yield* Path.Path
    const start = yield* Clock.currentTimeMillis
    const outcome = yield* Effect.either(Pipeline.run(paths, { check: false }))
    const ms = (yield* Clock.currentTimeMillis) - start
    const at = yield* _clock
    const rel = (p: string) => path.relative(paths.cwd, p)
    yield* outcome._tag === "Right"
      ? Console.log(`${at} ${trigger}: ${
        outcome.right.changed.length === 0 ? "nothing to write" : `wrote ${outcome.right.changed.length} file(s)`
      } in ${ms} ms (${outcome.right.contracts} contract(s))`)
      : Console.error(
        outcome.left._tag === "ContractErrors"
          ? [
            `${at} ${trigger}: ${outcome.left.errors.length} error(s) in ${ms} ms; nothing was written`,
            ...outcome.left.errors.map((e) => ContractError.format(new ContractError({ ...e, file: rel(e.file) })))
          ].join("\n")
          : `${at} ${trigger}: ${outcome.left.message}; nothing was written`
      )
  })

/** Watch the contracts folder until interrupted (Ctrl+C); every run shares one session's memory. */
const run = (paths: Config.Resolved) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    // Watchers on the folder and each folder under it, set up before anything is reported: Node's recursive
    // watch on Linux sets its watchers up asynchronously, so a save right after "watching" could be missed.
    const names = yield* fs.readDirectory(paths.contracts, { recursive: true })
    const dirs = yield* Effect.filter(names.map((n) => path.join(paths.contracts, n)), (p) => Effect.map(fs.stat(p), (s) => s.type === "Directory"))
    const saved = yield* Queue.unbounded<string>()
    yield* Effect.acquireRelease(
      Effect.sync(() => [paths.contracts, ...dirs].map((dir) => watch(dir, (_, name) => void (name === null ? undefined : saved.unsafeOffer(String(name)))))),
      (watchers) => Effect.sync(() => watchers.forEach((w) => w.close()))
    )
    yield* once(paths, "start")
    yield* Console.log(`watching ${path.relative(paths.cwd, paths.contracts) || "."} for changes (Ctrl+C to stop)`)
    yield* Stream.fromQueue(saved).pipe(
      Stream.map((name) => path.basename(name)),
      Stream.filter((name) => name.endsWith(".ts")),
      Stream.groupedWithin(64, _settle),
      Stream.filter(Chunk.isNonEmpty),
      Stream.mapEffect((names) => once(paths, [...new Set(names)].join(", "))),
      Stream.runDrain
    )
    return 0
  }).pipe(Effect.scoped, Effect.provideService(Session.Current, Session.make()))

export const Watch = { run, once } as const
