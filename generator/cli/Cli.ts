/**
 * The `codegen` command line (@effect/cli): `codegen [generate] [--check]`, `codegen init <name>`, `codegen
 * lock` and `codegen compat`. Every command succeeds with an exit code: 0 done, 1 stale files or breaking
 * changes, 2 contract or usage error.
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CompatCommand } from "../compat/CompatCommand.js"
import { Report } from "../compat/Report.js"
import { Config } from "../Config.js"
import { ContractError, type ContractErrors } from "../ContractError.js"
import { Init } from "./Init.js"
import { Pipeline } from "../Pipeline.js"

const _paths = {
  config: Options.file("config").pipe(Options.optional, Options.withDescription("config file (default: effect-contracts.json)")),
  contracts: Options.directory("contracts").pipe(Options.optional, Options.withDescription("folder of *.contract.ts files")),
  generated: Options.directory("generated").pipe(Options.optional, Options.withDescription("folder for generated code")),
  handlers: Options.directory("handlers").pipe(Options.optional, Options.withDescription("folder for handler stubs"))
}
const _generateOptions = {
  ..._paths,
  check: Options.boolean("check").pipe(Options.withDescription("write nothing; exit 1 naming every stale or missing file")),
  timings: Options.boolean("timings").pipe(Options.withDescription("print phase timings as JSON on stderr"))
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

const _checkVerb = { unchanged: "ok", changed: "stale", missing: "missing", orphan: "orphan" } as const
const _writeVerb = { unchanged: "ok", changed: "updated", missing: "created", orphan: "removed" } as const

const _contractErrors = (e: ContractErrors) =>
  Console.error(
    [...e.errors.map((x) => ContractError.format(new ContractError({ file: _rel(x.file), line: x.line, message: x.message, hint: x.hint }))), `codegen: ${e.errors.length} error(s); nothing was written`]
      .join("\n")
  ).pipe(Effect.as(2))

const _generate = (flags: _PathFlags & { readonly check: boolean; readonly timings: boolean }) =>
  Effect.gen(function*() {
    const paths = yield* _resolve(flags)
    const result = yield* Pipeline.run(paths, { check: flags.check })
    yield* flags.timings ? Console.error(JSON.stringify({ timings: result.timings })) : Effect.void
    const verb = flags.check ? _checkVerb : _writeVerb
    const lines = result.changed.map((e) => `  ${verb[e.status].padEnd(8)} ${_rel(e.path)}`)
    const summary = `${result.contracts} contract(s), ${result.files} file(s)`
    yield* flags.check
      ? (lines.length === 0
        ? Console.log(`codegen --check: ${summary}, all up to date`)
        : Console.error(`codegen --check: ${lines.length} stale file(s); run \`npx codegen\`:\n${lines.join("\n")}`))
      : Console.log(`codegen: ${summary}, ${lines.length === 0 ? "nothing to write" : `wrote ${lines.length}:\n${lines.join("\n")}`}`)
    return flags.check && lines.length > 0 ? 1 : 0
  }).pipe(Effect.catchTag("ContractErrors", _contractErrors))

const _generateCommand = Command.make("generate", _generateOptions, _generate).pipe(
  Command.withDescription("generate code from contracts (the default command)")
)

const _init = Command.make(
  "init",
  { name: Args.text({ name: "name" }).pipe(Args.withDescription("camelCase contract name, e.g. orders")), ..._paths },
  (flags) =>
    _resolve(flags).pipe(
      Effect.flatMap((paths) => Init.scaffold(paths.contracts, flags.name)),
      Effect.flatMap((file) => Console.log(`codegen init: created ${_rel(file)}; now run \`npx codegen\``)),
      Effect.as(0),
      Effect.catchTag("ContractErrors", _contractErrors)
    )
).pipe(Command.withDescription("scaffold a commented contract file"))

const _lock = Command.make(
  "lock",
  {
    ..._lockOptions,
    accept: Options.text("accept").pipe(Options.repeated, Options.withDescription("acknowledge the breaking findings at or under this path")),
    reason: Options.text("reason").pipe(Options.optional, Options.withDescription("why the accepted break is acceptable (recorded)"))
  },
  (flags) =>
    _resolve(flags).pipe(
      Effect.flatMap((paths) => CompatCommand.lock(paths, flags.accept, Option.getOrUndefined(flags.reason))),
      Effect.catchTag("ContractErrors", _contractErrors)
    )
).pipe(Command.withDescription("record every contract schema in the lockfile (refuses unaccepted breaking changes)"))

const _compat = Command.make(
  "compat",
  {
    ..._lockOptions,
    format: Options.choice("format", Report.formats).pipe(Options.withDefault("text"), Options.withDescription("report format"))
  },
  (flags) =>
    _resolve(flags).pipe(
      Effect.flatMap((paths) => CompatCommand.compat(paths, flags.format)),
      Effect.catchTag("ContractErrors", _contractErrors)
    )
).pipe(Command.withDescription("check the contracts against the lockfile: exit 0 compatible, 1 breaking, 2 error"))

const _root = Command.make("codegen", _generateOptions, _generate).pipe(
  Command.withDescription("effect-contracts: typed cluster code, clients and stubs from *.contract.ts files"),
  Command.withSubcommands([_generateCommand, _init, _lock, _compat])
)

/** Parse argv (as in `process.argv`) and run; succeeds with the process exit code. */
const run = (argv: ReadonlyArray<string>) =>
  Command.run(_root, { name: "codegen", version: "0.1.0" })(argv).pipe(
    Effect.map((code: unknown) => typeof code === "number" ? code : 0)
  )

export const Cli = { run } as const
