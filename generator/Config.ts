/**
 * Where codegen reads contracts and writes code (and the compat lockfile): defaults for this repository,
 * overridden by `effect-contracts.json` in the working directory, overridden by CLI flags. The file is
 * decoded by a Schema: malformed JSON and unknown keys are errors at their line. Writes nothing.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Argv } from "./cli/Argv.js"
import { ContractError, ContractErrors } from "./ContractError.js"

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

/** The keys a config object may have at `at` (`""` for the top level, `"compat"` inside `compat`). */
const _keys: Readonly<Record<string, ReadonlyArray<string>>> = {
  "": ["contracts", "generated", "handlers", "lock", "compat"],
  compat: ["validationChanged"]
}

/** The 1-based line and column of a character offset. */
const _at = (text: string, offset: number) => {
  const before = text.slice(0, offset).split("\n")
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 }
}

/** The line of the first `"key"` in `text` (1 when not found). */
const _lineOfKey = (text: string, key: string): number => {
  const offset = text.indexOf(JSON.stringify(key))
  return offset < 0 ? 1 : _at(text, offset).line
}

const _fail = (file: string, line: number, message: string, hint: string) =>
  Effect.fail(new ContractErrors({ errors: [new ContractError({ file, line, message, hint })] }))

/** Decode the config file: JSON first (its syntax error at line and column), then the Schema (unknown keys, wrong types). */
const _decode = (file: string, text: string) =>
  Either.try({ try: (): unknown => JSON.parse(text), catch: (e) => e instanceof Error ? e.message : String(e) }).pipe(
    Either.match({
      onLeft: (message) => {
        const offset = Number(/position (\d+)/.exec(message)?.[1] ?? text.length)
        const { line, column } = _at(text, offset)
        return _fail(file, line, `invalid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, "")}`, "the config file is JSON: double-quoted keys, no trailing commas, no comments")
      },
      onRight: (json) =>
        Schema.decodeUnknown(_File, { onExcessProperty: "error", errors: "first" })(json).pipe(
          Effect.catchTag("ParseError", (e) => {
            const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
            const path = (issue?.path ?? []).map(String)
            const key = path[path.length - 1] ?? ""
            const parent = path.slice(0, -1).join(".")
            const known = _keys[parent] ?? []
            const unknown = issue?.message.startsWith("is unexpected") === true
            const near = Argv.nearest(key, known)
            return _fail(
              file,
              _lineOfKey(text, key),
              unknown ? `unknown key "${path.join(".")}"${near === undefined ? "" : `; did you mean "${near}"?`}` : `"${path.join(".")}": ${issue?.message ?? e.message}`,
              unknown ? `valid keys${parent === "" ? "" : ` of "${parent}"`}: ${known.join(", ")}` : "see `codegen --help` for what each setting means"
            )
          })
        )
    })
  )

/** Resolve the paths of a run: flags beat the config file, which beats the defaults. */
const resolve = Effect.fn("Config.resolve")(function*(
  flags: { readonly cwd: string; readonly config: Option.Option<string>; readonly lock?: string } & Partial<Config.Paths>
) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const file = path.resolve(flags.cwd, Option.getOrElse(flags.config, () => "effect-contracts.json"))
  const exists = yield* fs.exists(file)
  const fromFile = exists ? yield* Effect.flatMap(fs.readFileString(file), (text) => _decode(file, text)) : {}
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
