/**
 * The `codegen` command line: `codegen [generate] [--check] [--watch]`, `codegen init <name> [--new]`, `codegen
 * lock` and `codegen compat`. Arguments are checked against the command table (Commands.ts) first, then parsed
 * by @effect/cli. Every command succeeds with an exit code: 0 done, 1 stale files or breaking changes, 2 error.
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Match from "effect/Match"
import * as Option from "effect/Option"
import { CompatCommand } from "../compat/CompatCommand.js"
import { Report } from "../compat/Report.js"
import { Config } from "../Config.js"
import { ContractError, type ContractErrors } from "../ContractError.js"
import { Argv } from "./Argv.js"
import { Commands } from "./Commands.js"
import { Diff } from "./Diff.js"
import { Init } from "./Init.js"
import { Pipeline } from "../Pipeline.js"
import { Watch } from "./Watch.js"

const _paths = {
  config: Options.file("config").pipe(Options.optional, Options.withDescription("config file (default: effect-contracts.json)")),
  contracts: Options.directory("contracts").pipe(Options.optional, Options.withDescription("folder of *.contract.ts files")),
  generated: Options.directory("generated").pipe(Options.optional, Options.withDescription("folder for generated code")),
  handlers: Options.directory("handlers").pipe(Options.optional, Options.withDescription("folder for handler stubs"))
}
const _generateOptions = {
  ..._paths,
  check: Options.boolean("check"),
  quiet: Options.boolean("quiet"),
  watch: Options.boolean("watch"),
  timings: Options.boolean("timings")
}

const _lockOptions = {
  config: _paths.config,
  contracts: _paths.contracts,
  lock: Options.file("lock").pipe(Options.optional, Options.withDescription("lockfile (default: contracts.lock.json beside the contracts folder)"))
}

type _PathFlags = { readonly [K in keyof typeof _paths]?: Option.Option<string> } & { readonly config: Option.Option<string> }

const _resolve = (flags: _PathFlags & { readonly lock?: Option.Option<string> }) =>
  Config.resolve({
    cwd: process.cwd(),
    config: flags.config,
    ...Option.match(flags.lock ?? Option.none(), { onNone: () => ({}), onSome: (lock) => ({ lock }) }),
    ...Option.match(flags.contracts ?? Option.none(), { onNone: () => ({}), onSome: (contracts) => ({ contracts }) }),
    ...Option.match(flags.generated ?? Option.none(), { onNone: () => ({}), onSome: (generated) => ({ generated }) }),
    ...Option.match(flags.handlers ?? Option.none(), { onNone: () => ({}), onSome: (handlers) => ({ handlers }) })
  })

const _rel = (p: string): string => p.startsWith(`${process.cwd()}/`) ? p.slice(process.cwd().length + 1) : p

const _checkVerb = { unchanged: "ok", changed: "stale", missing: "missing", orphan: "orphan", stray: "stray" } as const
const _writeVerb = { unchanged: "ok", changed: "updated", missing: "created", orphan: "removed", stray: "stray" } as const

const _contractErrors = (e: ContractErrors) =>
  Console.error(
    [...e.errors.map((x) => ContractError.format(new ContractError({ file: _rel(x.file), line: x.line, message: x.message, hint: x.hint }))), `codegen: ${e.errors.length} error(s); nothing was written`]
      .join("\n")
  ).pipe(Effect.as(2))

/** The unified diff of a stale file: what is on disk (a) against what codegen would write (b). */
const _diff = (result: Pipeline.Result, entry: Pipeline.Result["changed"][number]) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const planned = result.planned.find((f) => f.path === entry.path)?.content ?? ""
    const disk = entry.status === "missing" ? "" : yield* fs.readFileString(entry.path)
    const names = { a: entry.status === "missing" ? "/dev/null" : `a/${_rel(entry.path)}`, b: entry.status === "orphan" ? "/dev/null" : `b/${_rel(entry.path)}` }
    return entry.status === "stray" ? "" : Diff.unified(disk, entry.status === "orphan" ? "" : planned, names)
  })

const _generate = (flags: _PathFlags & { readonly check: boolean; readonly quiet: boolean; readonly watch: boolean; readonly timings: boolean }) =>
  flags.watch
    ? _resolve(flags).pipe(Effect.flatMap(Watch.run), Effect.catchTag("ContractErrors", _contractErrors))
    : Effect.gen(function*() {
      const paths = yield* _resolve(flags)
      const result = yield* Pipeline.run(paths, { check: flags.check })
      yield* flags.timings ? Console.error(JSON.stringify({ timings: result.timings })) : Effect.void
      const verb = flags.check ? _checkVerb : _writeVerb
      const strays = result.changed.filter((e) => e.status === "stray")
      const written = result.changed.filter((e) => e.status !== "stray")
      const lines = written.map((e) => `  ${verb[e.status].padEnd(8)} ${_rel(e.path)}`)
      const summary = `${result.contracts} contract(s), ${result.files} file(s)`
      const diffs = flags.check && !flags.quiet ? yield* Effect.forEach(result.changed, (e) => _diff(result, e)) : []
      yield* Effect.forEach(strays, (e) =>
        Console.error(`codegen: stray file ${_rel(e.path)} in the generated folder: codegen did not write it (no @generated header) and never deletes it; move it out`))
      yield* flags.check
        ? (result.changed.length === 0
          ? Console.log(`codegen --check: ${summary}, all up to date`)
          : Console.error([
            `codegen --check: ${written.length} file(s) out of date${written.length === 0 ? "" : "; run `npx codegen`"}${strays.length === 0 ? "" : `, ${strays.length} stray file(s)`}:`,
            ...result.changed.map((e) => `  ${verb[e.status].padEnd(8)} ${_rel(e.path)}`),
            ...diffs.filter((d) => d !== "").flatMap((d) => ["", d])
          ].join("\n")))
        : Console.log(`codegen: ${summary}, ${lines.length === 0 ? "nothing to write" : `wrote ${lines.length}:\n${lines.join("\n")}`}`)
      return flags.check && result.changed.length > 0 ? 1 : 0
    }).pipe(Effect.catchTag("ContractErrors", _contractErrors))

const _generateCommand = Command.make("generate", _generateOptions, _generate)

const _init = Command.make(
  "init",
  { name: Args.text({ name: "name" }), new: Options.boolean("new"), ..._paths },
  (flags) =>
    Effect.flatMap(Init.isEmpty(process.cwd()), (empty) =>
      flags.new || empty
        ? Init.service(process.cwd(), flags.name)
        : _resolve(flags).pipe(Effect.flatMap((paths) => Init.contract(paths.contracts, flags.name)))).pipe(
      Effect.flatMap((lines) => Console.log(lines.map((l) => l.replaceAll(`${process.cwd()}/`, "")).join("\n"))),
      Effect.as(0),
      Effect.catchTag("ContractErrors", _contractErrors)
    )
)

const _lock = Command.make(
  "lock",
  {
    ..._lockOptions,
    accept: Options.text("accept").pipe(Options.repeated),
    reason: Options.text("reason").pipe(Options.optional)
  },
  (flags) =>
    _resolve(flags).pipe(
      Effect.flatMap((paths) => CompatCommand.lock(paths, flags.accept, Option.getOrUndefined(flags.reason))),
      Effect.catchTag("ContractErrors", _contractErrors)
    )
)

const _compat = Command.make(
  "compat",
  {
    ..._lockOptions,
    format: Options.choice("format", Report.formats).pipe(Options.withDefault("text"))
  },
  (flags) =>
    _resolve(flags).pipe(
      Effect.flatMap((paths) => CompatCommand.compat(paths, flags.format)),
      Effect.catchTag("ContractErrors", _contractErrors)
    )
)

const _root = Command.make("codegen", _generateOptions, _generate).pipe(
  Command.withSubcommands([_generateCommand, _init, _lock, _compat])
)

const _version = "0.1.0"

/** Parse argv (as in `process.argv`) and run; succeeds with the process exit code. */
const run = (argv: ReadonlyArray<string>) =>
  Match.value(Argv.read(argv.slice(2))).pipe(
    Match.tagsExhaustive({
      Help: ({ command }) => Console.log(Commands.help(command)).pipe(Effect.as(0)),
      Version: () => Console.log(_version).pipe(Effect.as(0)),
      Error: ({ message }) => Console.error(`codegen: ${message}\nRun \`codegen --help\` for usage.`).pipe(Effect.as(2)),
      Run: () =>
        Command.run(_root, { name: "codegen", version: _version })(argv).pipe(
          Effect.map((code: unknown) => typeof code === "number" ? code : 0),
          // @effect/cli has printed what was wrong with the arguments.
          Effect.catchIf(ValidationError.isValidationError, () => Effect.succeed(2))
        )
    })
  )

export const Cli = { run } as const
