/**
 * What the `codegen` command line accepts, in one table: each command's summary, usage, flags and examples.
 * Help text and argument checking ("did you mean") are both derived from it; it parses nothing itself.
 */

/** A flag: its name without dashes, the value it takes (none for a switch), and what it does. */
interface _Flag {
  readonly name: string
  readonly value?: string
  readonly about: string
}

const _paths: ReadonlyArray<_Flag> = [
  { name: "contracts", value: "DIR", about: "folder of *.contract.ts files (default: contracts)" },
  { name: "generated", value: "DIR", about: "folder for generated code (default: examples/generated)" },
  { name: "handlers", value: "DIR", about: "folder for handler stubs (default: examples/handlers)" },
  { name: "config", value: "FILE", about: "config file (default: effect-contracts.json)" }
]

const _lock: _Flag = { name: "lock", value: "FILE", about: "lockfile (default: contracts.lock.json beside the contracts folder)" }

const _generate: Commands.Command = {
  name: "generate",
  summary: "generate code from the contracts (the default command)",
  usage: "codegen [generate] [--check [--quiet]] [--watch] [--timings] [--contracts DIR] [--generated DIR] [--handlers DIR]",
  flags: [
    { name: "check", about: "write nothing; exit 1 and show a diff of every stale file (the CI drift check)" },
    { name: "quiet", about: "with --check: name the stale files without their diffs" },
    { name: "watch", about: "regenerate whenever a contract changes; one line per run" },
    { name: "timings", about: "print the phase timings as JSON on stderr" },
    ..._paths
  ],
  examples: [
    ["npx codegen", "write what changed; create missing stubs"],
    ["npx codegen --check", "in CI: fail if generated code is out of date"],
    ["npx codegen --watch", "regenerate on every save"],
    ["npx codegen --contracts api --generated src/generated --handlers src/handlers", "other folders"]
  ]
}

const _commands: ReadonlyArray<Commands.Command> = [
  _generate,
  {
    name: "init",
    summary: "scaffold a contract, or with --new a whole service (contract, config, main.ts)",
    usage: "codegen init <name> [--new] [--contracts DIR]",
    positional: "name",
    flags: [
      { name: "new", about: "scaffold a service in the current folder: effect-contracts.json, src/main.ts, a contract" },
      ..._paths
    ],
    examples: [
      ["npx codegen init orders", "add contracts/orders.contract.ts"],
      ["npx codegen init shelf --new", "start a new service in an empty folder"]
    ]
  },
  {
    name: "lock",
    summary: "record every contract schema in the lockfile (refuses unaccepted breaking changes)",
    usage: "codegen lock [--accept PATH --reason TEXT]... [--lock FILE] [--contracts DIR]",
    flags: [
      { name: "accept", value: "PATH", about: "acknowledge the breaking findings at or under this path (repeatable)" },
      { name: "reason", value: "TEXT", about: "why the accepted break is acceptable (recorded in the lockfile)" },
      _lock,
      _paths[0]!,
      _paths[3]!
    ],
    examples: [
      ["npx codegen lock", "record the contracts; commit contracts.lock.json"],
      ["npx codegen lock --accept orders.events.OrderPlaced.total --reason \"no consumer reads it yet\"", "accept a break"]
    ]
  },
  {
    name: "compat",
    summary: "check the contracts against the lockfile: exit 0 compatible, 1 breaking, 2 error",
    usage: "codegen compat [--format text|markdown|json] [--lock FILE] [--contracts DIR]",
    flags: [
      { name: "format", value: "text|markdown|json", about: "report format (default: text)" },
      _lock,
      _paths[0]!,
      _paths[3]!
    ],
    examples: [
      ["npx codegen compat", "is this change safe for old clients, queued messages and running workflows?"],
      ["npx codegen compat --format markdown > compat.md", "a report for a pull-request comment"]
    ]
  }
]

/** Flags every command takes. */
const _global: ReadonlyArray<_Flag> = [
  { name: "help", about: "show this help (also -h)" },
  { name: "version", about: "print the version" }
]

const find = (name: string): Commands.Command | undefined => _commands.find((c) => c.name === name)

const _flagLine = (f: _Flag): string => `  ${`--${f.name}${f.value === undefined ? "" : ` ${f.value}`}`.padEnd(26)} ${f.about}`

/** The help of one command, or of the whole tool when `command` is undefined. */
const help = (command: Commands.Command | undefined): string =>
  command === undefined
    ? [
      "codegen — typed cluster code, clients and handler stubs from *.contract.ts files",
      "",
      "Usage: codegen [command] [flags]",
      "",
      "Commands:",
      ..._commands.map((c) => `  ${`${c.name}${c.positional === undefined ? "" : ` <${c.positional}>`}`.padEnd(13)} ${c.summary}`),
      "",
      "Flags of generate (the default command):",
      ..._generate.flags.map(_flagLine),
      ..._global.map(_flagLine),
      "",
      "Examples:",
      ..._generate.examples.map(([cmd, what]) => `  ${cmd}\n      ${what}`),
      "",
      "Exit codes: 0 done, 1 stale files or breaking changes, 2 contract or usage error.",
      "Run `codegen <command> --help` for a command's flags."
    ].join("\n")
    : [
      `codegen ${command.name} — ${command.summary}`,
      "",
      `Usage: ${command.usage}`,
      "",
      "Flags:",
      ...command.flags.map(_flagLine),
      ..._global.map(_flagLine),
      "",
      "Examples:",
      ...command.examples.map(([cmd, what]) => `  ${cmd}\n      ${what}`)
    ].join("\n")

export const Commands = { all: _commands, find, help, global: _global } as const

export declare namespace Commands {
  interface Command {
    readonly name: string
    readonly summary: string
    readonly usage: string
    readonly positional?: string
    readonly flags: ReadonlyArray<_Flag>
    readonly examples: ReadonlyArray<readonly [command: string, what: string]>
  }
  type Flag = _Flag
}
