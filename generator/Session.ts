/**
 * What a `codegen --watch` session remembers between runs, so that saving one contract costs about one
 * contract's work: each file's parse (by its text), each contract's loaded value (until a file it is built
 * from changes), its validated IR (while its parse and value stay the same), and what the generated files
 * on disk hold. A one-shot run has no session: every phase does its full work.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type { ContractError } from "./ContractError.js"
import { Discover } from "./discover/Discover.js"
import type { Ir } from "./ir/Ir.js"
import { Bundle } from "./load/Bundle.js"
import { Load } from "./load/Load.js"
import { Validate } from "./validate/Validate.js"

type _Loaded = Either.Either<unknown, ContractError>
type _Validated = Either.Either<Ir.Contract, ReadonlyArray<ContractError>>

/** The memory of one session; its maps are written by the runs of that session only, one run at a time. */
interface _State {
  readonly discovered: Map<string, { readonly text: string; readonly outcome: Discover.Outcome }>
  readonly loaded: Map<string, { readonly value: _Loaded; readonly stamps: ReadonlyArray<readonly [string, string]> }>
  readonly validated: WeakMap<Discover.Result, { readonly value: unknown; readonly result: _Validated }>
  /** Generated file path → the content it has on disk, as last written or read by this session. */
  readonly disk: Map<string, string>
}

/** The current session, if any: `Session.make()` starts one for `--watch`. */
class _Current extends Context.Reference<_Current>()("effect-contracts/Session", {
  defaultValue: (): _State | undefined => undefined
}) {}

const make = (): _State => ({ discovered: new Map(), loaded: new Map(), validated: new WeakMap(), disk: new Map() })

/** `Discover.file`, or the outcome remembered for this exact text. */
const discover = (path: string, text: string): Effect.Effect<Discover.Outcome> =>
  Effect.flatMap(_Current, (s) => {
    const known = s?.discovered.get(path)
    return known !== undefined && known.text === text
      ? Effect.succeed(known.outcome)
      : Effect.tap(Discover.file(path, text), (outcome) => Effect.sync(() => s?.discovered.set(path, { text, outcome })))
  })

/** A file's size and modification time, or `missing`: what tells a watch that it changed. */
const _stamp = (fs: FileSystem.FileSystem, file: string) =>
  fs.stat(file).pipe(
    Effect.map((info) => `${info.size}:${info.mtime._tag === "Some" ? info.mtime.value.getTime() : 0}`),
    Effect.orElseSucceed(() => "missing")
  )

/** `Load.modules`, reusing each contract whose source files all have the stamps they had when it was built. */
const load = (files: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<_Loaded>, never, FileSystem.FileSystem> =>
  Effect.flatMap(_Current, (s) =>
    s === undefined ? Load.modules(files) : Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      // One stat per file per run, however many contracts import it (a shared schema file is read by all).
      const seen = new Map<string, string>()
      const stampOf = (file: string) =>
        seen.has(file) ? Effect.succeed(seen.get(file)!) : Effect.tap(_stamp(fs, file), (stamp) => Effect.sync(() => seen.set(file, stamp)))
      const fresh = yield* Effect.filter(files, (f) => {
        const known = s.loaded.get(f)
        return known === undefined || known.stamps.length === 0
          ? Effect.succeed(false)
          : Effect.map(Effect.forEach(known.stamps, ([input, stamp]) => Effect.map(stampOf(input), (now) => now === stamp)), (same) => same.every(Boolean))
      })
      const stale = files.filter((f) => !fresh.includes(f))
      // Stamped before the build: a save during it shows as a change on the next run.
      yield* Effect.forEach(stale, stampOf, { discard: true })
      const built = yield* Bundle.withInputs(stale)
      yield* Effect.forEach(stale, (f, i) =>
        Effect.gen(function*() {
          const loaded = built[i]!
          const inputs = yield* Effect.forEach(loaded.inputs, (input) => Effect.map(stampOf(input), (stamp) => [input, stamp] as const))
          s.loaded.set(f, { value: loaded.value, stamps: inputs })
        }), { discard: true })
      return files.map((f) => s.loaded.get(f)!.value)
    }))

/** `Validate.contract`, or the result remembered for this parse and this loaded value. */
const validate = (found: Discover.Result, value: unknown): Effect.Effect<_Validated> =>
  Effect.map(_Current, (s) => {
    const known = s?.validated.get(found)
    const result = known !== undefined && known.value === value ? known.result : Validate.contract(found, value)
    s?.validated.set(found, { value, result })
    return result
  })

/** What this session knows the generated files on disk hold (`undefined` outside a session). */
const disk = Effect.map(_Current, (s) => s?.disk)

export const Session = { make, discover, load, validate, disk, Current: _Current } as const

export declare namespace Session {
  type State = _State
}
