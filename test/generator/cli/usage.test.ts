/**
 * The CLI talks like a person: one plain line with "did you mean" for unknown commands and flags, help with
 * examples, no colour codes when piped, a diff per stale file, stray files named, config and contract mistakes
 * reported at their line. Real `codegen` processes over scratch folders.
 */
import * as Command from "@effect/platform/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { Scratch } from "../../support/Scratch.js"

const { codegen } = Scratch
const flags = ["--contracts", "contracts", "--generated", "generated", "--handlers", "handlers"]

const _shop = Scratch.contract("shop", [`  rpcs: { GetItem: Contract.rpc({ payload: { id: Schema.String }, success: Schema.String }) }`])

/** stdout and stderr of a process exactly as written (no colour stripping), piped, NO_COLOR unset. */
const _raw = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const proc = yield* Command.start(Command.make(process.execPath, `${Scratch.root}/generator/cli/bin.mjs`, ...args).pipe(
      Command.env({ NO_COLOR: undefined, FORCE_COLOR: undefined })
    ))
    const text = (s: Stream.Stream<Uint8Array, unknown>) => Stream.mkString(Stream.decodeText(s))
    const [status, stdout, stderr] = yield* Effect.all([proc.exitCode, text(proc.stdout), text(proc.stderr)], { concurrency: 3 })
    return { status: Number(status), out: stdout + stderr }
  }).pipe(Effect.scoped)

describe.concurrent("codegen usage", () => {
  it.live("an unknown flag or command is one line with the nearest valid name, exit 2", () =>
    Effect.gen(function*() {
      const flag = yield* codegen(["--chek"])
      expect(flag.status).toBe(2)
      expect(flag.stderr).toBe("codegen: unknown flag --chek for `codegen generate`. Did you mean --check?\nRun `codegen --help` for usage.\n")
      const command = yield* codegen(["chek"])
      expect(command.stderr).toContain(`unknown command "chek". Did you mean --check?`)
      expect((yield* codegen(["comapt"])).stderr).toContain("Did you mean compat?")
      expect((yield* codegen(["compat", "--formt", "json"])).stderr).toContain("unknown flag --formt for `codegen compat`. Did you mean --format?")
      expect((yield* codegen(["init"])).stderr).toContain("`codegen init` needs a <name>")
      expect([flag.stderr, command.stderr].join()).not.toContain("_tag")
    }).pipe(Effect.provide(NodeContext.layer)))

  it.live("help has a description, flags and examples per command, and no colour codes when piped", () =>
    Effect.gen(function*() {
      const top = yield* _raw(["--help"])
      expect(top.status).toBe(0)
      expect(top.out).toContain("Commands:\n  generate")
      expect(top.out).toContain("Examples:\n  npx codegen\n")
      expect(top.out).not.toContain("This setting is optional")
      expect(top.out).not.toContain("\u001b[")
      const compat = yield* _raw(["compat", "--help"])
      expect(compat.out).toContain("codegen compat — check the contracts against the lockfile")
      expect(compat.out).toContain("npx codegen compat --format markdown")
      const bad = yield* _raw(["compat", "--format", "yaml"])
      expect(bad.status).toBe(2)
      expect(bad.out).not.toContain("\u001b[")
    }).pipe(Effect.provide(NodeContext.layer)))

  it.live("--check shows a unified diff per stale file (names only with --quiet) and names stray files; codegen keeps them", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const s = yield* Scratch.make("usage-", { "contracts/shop.contract.ts": _shop })
      expect((yield* codegen(flags, s.dir)).status).toBe(0)
      const rpcs = `${s.paths.generated}/shop/Rpcs.ts`
      yield* fs.writeFileString(rpcs, (yield* fs.readFileString(rpcs)).replace("GetItem", "GetItme"))
      yield* fs.writeFileString(`${s.paths.generated}/notes.ts`, "export const mine = 1\n")
      const check = yield* codegen([...flags, "--check"], s.dir)
      expect(check.status).toBe(1)
      expect(check.stderr).toContain("  stale    generated/shop/Rpcs.ts")
      expect(check.stderr).toContain("  stray    generated/notes.ts")
      expect(check.stderr).toContain("--- a/generated/shop/Rpcs.ts\n+++ b/generated/shop/Rpcs.ts\n@@ ")
      expect(check.stderr).toMatch(/\n-.*GetItme.*\n(-.*\n)*\+.*GetItem/)
      const quiet = yield* codegen([...flags, "--check", "--quiet"], s.dir)
      expect(quiet.status).toBe(1)
      expect(quiet.stderr).not.toContain("@@")
      const write = yield* codegen(flags, s.dir)
      expect(write.stderr).toContain("stray file generated/notes.ts")
      expect(yield* fs.exists(`${s.paths.generated}/notes.ts`), "never deleted").toBe(true)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("the config file: an unknown key names the nearest valid one; malformed JSON names line and column", () =>
    Effect.gen(function*() {
      const s = yield* Scratch.make("usage-", {
        "contracts/shop.contract.ts": _shop,
        "effect-contracts.json": `{\n  "contracts": "contracts",\n  "generatd": "out"\n}\n`,
        "broken.json": `{\n  "contracts": "contracts",\n}\n`
      })
      const unknown = yield* codegen([], s.dir)
      expect(unknown.status).toBe(2)
      expect(unknown.stderr).toContain(`effect-contracts.json:3: error: unknown key "generatd"; did you mean "generated"?`)
      const broken = yield* codegen(["--config", "broken.json"], s.dir)
      expect(broken.status).toBe(2)
      expect(broken.stderr).toMatch(/broken\.json:3: error: invalid JSON at line 3, column 1/)
      expect(broken.stderr).not.toContain("    at ")
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("a contract importing a Node built-in, or with a typo in a schema, fails at the right line", () =>
    Effect.gen(function*() {
      const builtin = yield* Scratch.make("usage-", {
        "contracts/shop.contract.ts": _shop.replace(`import * as Schema from "effect/Schema"`, `import * as Schema from "effect/Schema"\nimport { readFileSync } from "node:fs"\nexport const read = readFileSync`)
      })
      const iso = yield* codegen(flags, builtin.dir)
      expect(iso.status).toBe(2)
      expect(iso.stderr).toContain(`contracts/shop.contract.ts:3: error: contracts are isomorphic (browsers import them), but this imports "node:fs"`)
      const typo = yield* Scratch.make("usage-", { "contracts/shop.contract.ts": _shop.replace("success: Schema.String", "success: Schema.Struct({ name: Schema.Strin })") })
      const typed = yield* codegen(flags, typo.dir)
      expect(typed.status).toBe(2)
      expect(typed.stderr).toContain(`contracts/shop.contract.ts:5: error: the contract failed to load`)
      expect(typed.stderr).toContain(`TS2551 Property 'Strin' does not exist on type 'typeof Schema'. Did you mean 'String'?`)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))
})

describe("codegen --watch", () => {
  it.live("generates, then regenerates on each saved contract, one line per run; a bad save is reported and the watch goes on", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const s = yield* Scratch.make("watch-", { "contracts/shop.contract.ts": _shop })
      const proc = yield* Command.start(Command.make(process.execPath, `${Scratch.root}/generator/cli/bin.mjs`, ...flags, "--watch").pipe(
        Command.workingDirectory(s.dir),
        Command.env({ NO_COLOR: "1" })
      ))
      const lines: Array<string> = []
      const collect = (s: Stream.Stream<Uint8Array, unknown>) =>
        s.pipe(Stream.decodeText(), Stream.splitLines, Stream.runForEach((l) => Effect.sync(() => lines.push(l))), Effect.forkScoped)
      yield* collect(proc.stdout)
      yield* collect(proc.stderr)
      /** A line matching `pattern` among those printed since `from`. */
      const seen = (pattern: RegExp, from = 0) =>
        Effect.sync(() => lines.slice(from).some((l) => pattern.test(l))).pipe(
          Effect.repeat({ until: (found) => found, schedule: Schedule.spaced("50 millis") }),
          Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => new Error(`no line ${pattern} in:\n${lines.join("\n")}`) })
        )
      yield* seen(/^watching contracts for changes/)
      expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d start: wrote \d+ file\(s\) in \d+ ms \(1 contract\(s\)\)$/)
      const file = `${s.paths.contracts}/shop.contract.ts`
      const edit = (text: string, pattern: RegExp) =>
        Effect.suspend(() => {
          const from = lines.length
          return fs.writeFileString(file, text).pipe(Effect.zipRight(seen(pattern, from)))
        })
      yield* edit(_shop.replace("GetItem", "GetThing"), /shop\.contract\.ts: wrote \d+ file\(s\) in \d+ ms/)
      expect(yield* fs.readFileString(`${s.paths.generated}/shop/Rpcs.ts`)).toContain("GetThing")
      yield* edit("export default 1\n", /shop\.contract\.ts: 1 error\(s\) in \d+ ms; nothing was written/)
      yield* edit(_shop, /shop\.contract\.ts: wrote \d+ file\(s\)/)
      expect(yield* fs.readFileString(`${s.paths.generated}/shop/Rpcs.ts`)).toContain("GetItem")
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))
})
