/**
 * The `codegen` command as users run it: real `node generator/cli/bin.mjs` processes over scratch copies of
 * contract sets in test/.tmp/. Exit codes: 0 done, 1 stale (`--check`), 2 contract or usage error.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Scratch } from "../../support/Scratch.js"

const { codegen, root, snapshot } = Scratch
const flags = ["--contracts", "contracts", "--generated", "generated", "--handlers", "handlers"]

/** `  verb     path` lines of a codegen report, as `{ path: verb }`. */
const listed = (out: string): Record<string, string> =>
  Object.fromEntries(out.split("\n").flatMap((l) => {
    const m = /^ {2}(\w+) +(\S+)$/.exec(l)
    return m === null ? [] : [[m[2]!, m[1]!]]
  }))

const without = <A>(files: Readonly<Record<string, A>>, prefix: string) =>
  Object.fromEntries(Object.entries(files).filter(([f]) => !f.startsWith(prefix)))

/** A scratch copy of the repository's contracts and examples: up to date under the default paths. */
const seeded = Effect.gen(function*() {
  const s = yield* Scratch.make("cli-")
  yield* Effect.forEach(["contracts", "examples/generated", "examples/handlers"], (d) => Scratch.copy(`${root}/${d}`, `${s.dir}/${d}`))
  return s
})

// Concurrent: each test owns its scratch folder; the processes overlap on the cores.
describe.concurrent("codegen process", () => {
  it.live("a first run writes and lists every file; a second writes nothing and keeps every mtime", () =>
    Effect.gen(function*() {
      const s = yield* Scratch.make("cli-")
      yield* Scratch.copy(`${root}/contracts`, s.paths.contracts)
      const first = yield* codegen(flags, s.dir)
      expect(first.status, first.stderr).toBe(0)
      const written = without(yield* snapshot(s.dir), "contracts/")
      expect(Object.keys(written).length).toBeGreaterThan(20)
      expect(listed(first.stdout)).toStrictEqual(Object.fromEntries(Object.keys(written).map((f) => [f, "created"])))
      const second = yield* codegen(flags, s.dir)
      expect(second.status, second.stderr).toBe(0)
      expect(second.stdout).toContain("nothing to write")
      expect(without(yield* snapshot(s.dir), "contracts/")).toStrictEqual(written)
      const check = yield* codegen([...flags, "--check"], s.dir)
      expect(check.status, check.stderr).toBe(0)
      expect(check.stdout).toContain("all up to date")
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("--check names edited, missing and orphaned files; a run repairs them and keeps stub edits", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const s = yield* seeded
      const original = yield* snapshot(s.dir)
      const edited = "examples/generated/orders/Rpcs.ts"
      const deleted = "examples/generated/payments/Events.ts"
      const stub = "examples/handlers/orders/Rpcs.ts"
      const mine = `// my own notes\n${original[stub]!.content}`
      yield* fs.writeFileString(`${s.dir}/${edited}`, `${original[edited]!.content}// hand edit\n`)
      yield* fs.remove(`${s.dir}/${deleted}`)
      yield* fs.writeFileString(`${s.dir}/${stub}`, mine)
      yield* fs.remove(`${s.dir}/contracts/projections.contract.ts`)
      const orphans = Object.keys(original).filter((f) => f.startsWith("examples/generated/projections/"))
      expect(orphans.length).toBeGreaterThan(3)
      const before = yield* snapshot(s.dir)

      const check = yield* codegen(["--check"], s.dir)
      expect(check.status, check.stderr + check.stdout).toBe(1)
      expect(listed(check.stderr)).toStrictEqual({
        [edited]: "stale",
        [deleted]: "missing",
        "examples/generated/Layer.ts": "stale",
        ...Object.fromEntries(orphans.map((f) => [f, "orphan"]))
      })
      expect(yield* snapshot(s.dir), "--check writes nothing").toStrictEqual(before)

      const run = yield* codegen([], s.dir)
      expect(run.status, run.stderr).toBe(0)
      expect(listed(run.stdout)).toStrictEqual({
        [edited]: "updated",
        [deleted]: "created",
        "examples/generated/Layer.ts": "updated",
        ...Object.fromEntries(orphans.map((f) => [f, "removed"]))
      })
      const after = yield* snapshot(s.dir)
      expect(after[edited]?.content).toBe(original[edited]!.content)
      expect(after[deleted]?.content).toBe(original[deleted]!.content)
      expect(after[stub]?.content, "a stub is never overwritten").toBe(mine)
      expect(Object.keys(after).filter((f) => f.startsWith("examples/generated/projections/"))).toStrictEqual([])
      expect(Object.keys(after).filter((f) => f.startsWith("examples/handlers/projections/")), "stubs are never deleted")
        .toStrictEqual(Object.keys(original).filter((f) => f.startsWith("examples/handlers/projections/")))
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("a syntax error exits 2 naming file:line and changes no file", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const s = yield* seeded
      const file = `${s.dir}/contracts/orders.contract.ts`
      const good = "GetOrder: Contract.rpc({ payload: _OrderKey, success: _Order, error: _OrderNotFound }),"
      const source = (yield* fs.readFileString(file)).replace(good, good.replace(/,$/, " +,"))
      expect(source).toContain("_OrderNotFound }) +,")
      yield* fs.writeFileString(file, source)
      yield* fs.remove(`${s.dir}/examples/generated/orders/Client.ts`) // a successful run would recreate it
      const before = yield* snapshot(s.dir)
      const run = yield* codegen([], s.dir)
      expect(run.status).toBe(2)
      expect(run.stderr).toContain(`contracts/orders.contract.ts:${Scratch.lineOf(source, "GetOrder:")}: error: syntax error`)
      expect(run.stderr).toMatch(/hint: /)
      expect(run.stderr).toContain("nothing was written")
      expect(yield* snapshot(s.dir)).toStrictEqual(before)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("init scaffolds a contract that generates and type-checks, and never overwrites it", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      // A folder that already has a contracts folder: init adds one contract (an empty folder gets a service).
      const s = yield* Scratch.make("cli-init-", { "contracts/README.md": "contracts of this app\n" })
      const init = yield* codegen(["init", "demo"], s.dir)
      expect(init.status, init.stderr).toBe(0)
      expect(init.stdout).toContain("contracts/demo.contract.ts")
      const scaffold = yield* fs.readFileString(`${s.dir}/contracts/demo.contract.ts`)
      const gen = yield* codegen([], s.dir)
      expect(gen.status, gen.stderr).toBe(0)
      expect(Object.keys(listed(gen.stdout))).toEqual(expect.arrayContaining([
        "examples/generated/demo/Rpcs.ts",
        "examples/handlers/demo/Rpcs.ts"
      ]))
      yield* fs.writeFileString(`${s.dir}/tsconfig.json`, JSON.stringify({ extends: "../../../tsconfig.json", include: ["."] }))
      // `npx tsc`, minus npx's start-up: the repository's own TypeScript.
      const tsc = yield* Scratch.exec(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "--noEmit", "-p", `${s.dir}/tsconfig.json`])
      expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0)
      const again = yield* codegen(["init", "demo"], s.dir)
      expect(again.status).toBe(2)
      expect(again.stderr).toMatch(/demo\.contract\.ts:1: error: the file already exists/)
      expect(yield* fs.readFileString(`${s.dir}/contracts/demo.contract.ts`)).toBe(scaffold)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("--help, generate --help and init --help exit 0 and describe the options", () =>
    Effect.gen(function*() {
      const [top, generate, init] = yield* Effect.all([
        codegen(["--help"]),
        codegen(["generate", "--help"]),
        codegen(["init", "--help"])
      ], { concurrency: "unbounded" })
      ;[top, generate, init].forEach((r) => expect(r.status, r.stderr).toBe(0))
      ;[top, generate].forEach((r) =>
        ["--check", "--contracts", "--generated", "--handlers", "--config", "--timings"].forEach((o) => expect(r.stdout).toContain(o))
      )
      expect(top.stdout).toMatch(/init .*<name>/)
      expect(init.stdout).toContain("<name>")
      expect(init.stdout).toContain("--contracts")
    }).pipe(Effect.provide(NodeContext.layer)))

  it.live("the repository's own generated code is up to date (--check, default paths)", () =>
    codegen(["--check"]).pipe(
      Effect.map((r) => {
        expect(r.status, r.stderr).toBe(0)
        expect(r.stdout).toContain("all up to date")
      }),
      Effect.provide(NodeContext.layer)
    ))
})
