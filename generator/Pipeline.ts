/**
 * The pipeline: discover → load → IR → emit → write. Every contract error of a run is collected before
 * anything is written (all-or-nothing); phase timings are returned for `--timings` and the benchmark.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import { Contract } from "effect-contracts"
import type { Config } from "./Config.js"
import { ContractError, ContractErrors } from "./ContractError.js"
import { Ir } from "./ir/Ir.js"
import { TypeCheck } from "./load/TypeCheck.js"
import { Session } from "./Session.js"
import { App } from "./emit/app/App.js"
import { Auth } from "./emit/Auth.js"
import { Channels } from "./emit/Channels.js"
import { Client } from "./emit/Client.js"
import { Entities } from "./emit/Entities.js"
import { Events } from "./emit/Events.js"
import { Layer } from "./emit/Layer.js"
import { Rpcs } from "./emit/Rpcs.js"
import { Stubs } from "./emit/Stubs.js"
import { Jobs } from "./emit/messaging/Jobs.js"
import { Subscriptions } from "./emit/messaging/Subscriptions.js"
import { Webhooks } from "./emit/messaging/Webhooks.js"
import { Workflows } from "./emit/Workflows.js"
import { Writer } from "./print/Writer.js"

const _emitters = [
  Rpcs.emit,
  Client.emit,
  Auth.emit,
  Events.emit,
  Entities.emit,
  Workflows.emit,
  Subscriptions.emit,
  Jobs.emit,
  Webhooks.emit,
  Channels.emit,
  Layer.emit,
  App.emit,
  Stubs.emit
]

const _failIfAny = (errors: ReadonlyArray<ContractError>) =>
  errors.length > 0 ? Effect.fail(new ContractErrors({ errors })) : Effect.void

/** Every `*.contract.ts` under the contracts folder, sorted for stable output. */
const _contractFiles = Effect.fn("Pipeline.contractFiles")(function*(dir: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const exists = yield* fs.exists(dir)
  const names = exists ? yield* fs.readDirectory(dir, { recursive: true }) : []
  const files = names.filter((n) => n.endsWith(".contract.ts") && !n.includes("node_modules")).map((n) => path.join(dir, n)).sort()
  yield* _failIfAny(
    files.length === 0
      ? [new ContractError({
        file: dir,
        line: 1,
        message: exists ? "no *.contract.ts files found" : "the contracts folder does not exist",
        hint: "create one with `npx codegen init <name>` or point --contracts at your contracts folder"
      })]
      : []
  )
  return files
})

const _sorted = (errors: ReadonlyArray<ContractError>) =>
  [...errors].sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)

/** Discover, load and validate every contract: the IR, or every error found in any of them. */
const ir = Effect.fn("Pipeline.ir")(function*(paths: Config.Resolved, timings: Map<string, number>) {
  const fs = yield* FileSystem.FileSystem
  const mark = (phase: string, since: number) => Clock.currentTimeMillis.pipe(Effect.map((now) => timings.set(phase, now - since)))
  const t0 = yield* Clock.currentTimeMillis
  const files = yield* _contractFiles(paths.contracts)
  // Loading starts now: bundling runs in esbuild's process while this one parses (the discover phase).
  const loading = yield* Effect.fork(Session.load(files))
  const found = yield* Effect.forEach(files, (f) => fs.readFileString(f).pipe(Effect.flatMap((text) => Session.discover(f, text))))
  const discovered = found.flatMap((o) => o.result === undefined ? [] : [o.result])
  const t1 = yield* Clock.currentTimeMillis
  yield* mark("discover", t0)
  const all = yield* Fiber.join(loading)
  const loaded = discovered.map((d) => all[files.indexOf(d.file)]!)
  const t2 = yield* Clock.currentTimeMillis
  yield* mark("load", t1)
  const validated = yield* Effect.forEach(discovered.flatMap((d, i) => {
    const value = loaded[i]!
    return Either.isRight(value) ? [[d, value.right] as const] : []
  }), ([d, value]) => Session.validate(d, value))
  const contracts = validated.flatMap((r) => Either.isRight(r) ? [r.right] : [])
  yield* _failIfAny(_sorted([
    ...found.flatMap((o) => o.errors),
    ...(yield* Effect.forEach(loaded.flatMap((r) => Either.isLeft(r) ? [r.left] : []), TypeCheck.explain)),
    ...validated.flatMap((r) => Either.isLeft(r) ? r.left : []),
    ...Ir.link(contracts, loaded.flatMap((r) => Either.isRight(r) && Contract.isContract(r.right) ? [r.right.name] : []))
  ]))
  yield* mark("ir", t2)
  return { contracts } satisfies Ir
})

/** Every file the contracts produce (generated files and stubs), without touching the disk. */
const emit = Effect.fn("Pipeline.emit")(function*(paths: Config.Resolved, timings: Map<string, number> = new Map()) {
  const result = yield* ir(paths, timings)
  const t3 = yield* Clock.currentTimeMillis
  const files = _emitters.flatMap((emit) => emit(result, paths))
  timings.set("emit", (yield* Clock.currentTimeMillis) - t3)
  return { ir: result, files }
})

/** Run the whole pipeline; with `check` nothing is written and the stale entries are returned. */
const run = Effect.fn("Pipeline.run")(function*(paths: Config.Resolved, options: { readonly check: boolean }) {
  const timings = new Map<string, number>()
  const { files, ir: result } = yield* emit(paths, timings)
  const t4 = yield* Clock.currentTimeMillis
  const disk = yield* Session.disk
  const entries = yield* Writer.plan(files, paths, disk)
  const strays = entries.filter((e) => e.status === "stray")
  const changed = options.check ? entries.filter((e) => e.status !== "unchanged") : [...yield* Writer.apply(files, entries, disk), ...strays]
  timings.set("write", (yield* Clock.currentTimeMillis) - t4)
  return { contracts: result.contracts.length, files: files.length, planned: files, changed, timings: Object.fromEntries(timings) }
})

export const Pipeline = { run, emit, ir } as const

export declare namespace Pipeline {
  type Result = Effect.Effect.Success<ReturnType<typeof run>>
}
