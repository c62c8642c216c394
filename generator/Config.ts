/**
 * Where codegen reads contracts and writes code (and the compat lockfile): defaults for this repository,
 * overridden by `effect-contracts.json` in the working directory, overridden by CLI flags. Writes nothing.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

const _File = Schema.Struct({
  contracts: Schema.optional(Schema.String),
  generated: Schema.optional(Schema.String),
  handlers: Schema.optional(Schema.String),
  /** The compat lockfile; default `contracts.lock.json` beside the contracts folder. */
  lock: Schema.optional(Schema.String),
  compat: Schema.optional(Schema.Struct({
    /** `error` makes VALIDATION_CHANGED (a filter that cannot be compared) a breaking finding. */
    validationChanged: Schema.optional(Schema.Literal("warning", "error"))
  }))
})

const _defaults = { contracts: "contracts", generated: "examples/generated", handlers: "examples/handlers" }

/** Resolve the paths of a run: flags beat the config file, which beats the defaults. */
const resolve = Effect.fn("Config.resolve")(function*(
  flags: { readonly cwd: string; readonly config: Option.Option<string>; readonly lock?: string } & Partial<Config.Paths>
) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const file = path.resolve(flags.cwd, Option.getOrElse(flags.config, () => "effect-contracts.json"))
  const exists = yield* fs.exists(file)
  const fromFile = exists
    ? yield* fs.readFileString(file).pipe(Effect.flatMap(Schema.decodeUnknown(Schema.parseJson(_File))))
    : {}
  const pick = (key: keyof Config.Paths): string =>
    path.resolve(flags.cwd, flags[key] ?? fromFile[key] ?? _defaults[key])
  const contracts = pick("contracts")
  const lock = path.resolve(flags.cwd, flags.lock ?? fromFile.lock ?? path.join(path.dirname(contracts), "contracts.lock.json"))
  return {
    cwd: flags.cwd,
    contracts,
    generated: pick("generated"),
    handlers: pick("handlers"),
    lock,
    compat: { validationChanged: fromFile.compat?.validationChanged ?? "warning" }
  } satisfies Config.Full
})

export const Config = { resolve, defaults: _defaults } as const

export declare namespace Config {
  /** Folders of one run; absolute once resolved. */
  interface Paths {
    readonly contracts: string
    readonly generated: string
    readonly handlers: string
  }
  interface Resolved extends Paths {
    readonly cwd: string
  }
  /** A resolved run with the compat settings: the lockfile and how strict `codegen compat` is. */
  interface Full extends Resolved {
    readonly lock: string
    readonly compat: { readonly validationChanged: "warning" | "error" }
  }
}
