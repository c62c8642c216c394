/**
 * A newcomer's first hour, as docs/new-service.md walks it, in a temporary folder outside this repository:
 * `codegen init` in an empty folder, `codegen`, `tsc` with no edit, the handler from the page, then the
 * scaffolded main on the memory cluster and on embedded PostgreSQL, each answering one RPC over HTTP.
 */
import * as Command from "@effect/platform/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { Scratch } from "../../support/Scratch.js"
import { Pods } from "../../runtime/cluster/Pods.js"

const _page = `${Scratch.root}/docs/new-service.md`
const _bin = `${Scratch.root}/generator/cli/bin.mjs`
const _tsc = `${Scratch.root}/node_modules/typescript/bin/tsc`

/** A port nobody listens on now. */

/** The text of the first fenced block after the line containing `after` (its language given). */
const _block = (page: string, after: string, lang: string): string => {
  const rest = page.slice(page.indexOf(after) + after.length)
  const start = rest.indexOf("```" + lang + "\n") + lang.length + 4
  return rest.slice(start, rest.indexOf("```", start))
}

/** What `npm install` would give the folder: every package of this repository, and effect-contracts itself. */
const _linkModules = (dir: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    yield* fs.makeDirectory(`${dir}/node_modules`)
    const names = yield* fs.readDirectory(`${Scratch.root}/node_modules`)
    yield* Effect.forEach(names, (n) => fs.symlink(`${Scratch.root}/node_modules/${n}`, `${dir}/node_modules/${n}`), { discard: true })
    yield* fs.symlink(Scratch.root, `${dir}/node_modules/effect-contracts`)
  })

/** `GetShelf` over HTTP as the page's curl does it: the NDJSON exit line. */
const _getShelf = (port: number) =>
  Effect.promise(() =>
    fetch(`http://127.0.0.1:${port}/rpc/shelf`, {
      method: "POST",
      headers: { "content-type": "application/ndjson" },
      body: `${JSON.stringify({ _tag: "Request", id: "1", tag: "GetShelf", payload: { id: "s1" }, headers: [] })}\n`
    }).then((r) => r.text())
  ).pipe(Effect.map((text) => JSON.parse(text.trim().split("\n")[0] ?? "null") as unknown))

/** Start `src/main.ts` with `args`, wait for `/readyz`, call `GetShelf`; the process stops with the scope. */
const _serve = (dir: string, args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const port = yield* Pods.freePort
    const runner = yield* Pods.freePort
    const proc = yield* Command.start(Command.make(process.execPath, "--import", "tsx", "src/main.ts", ...args).pipe(
      Command.workingDirectory(dir),
      Command.env({ HTTP_PORT: String(port), CLUSTER_RUNNER_PORT: String(runner), NO_COLOR: "1" })
    ))
    yield* Effect.tryPromise(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200 ? r : Promise.reject(r))).pipe(
      Effect.retry(Schedule.spaced("250 millis").pipe(Schedule.upTo("90 seconds")))
    )
    const reply = yield* _getShelf(port)
    yield* proc.kill("SIGTERM")
    return reply
  }).pipe(Effect.scoped)

describe("a new service from scratch (docs/new-service.md)", () => {
  it.live("init, codegen and tsc with no edit; then it serves GetShelf on the memory cluster and on PostgreSQL", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const page = yield* fs.readFileString(_page)
      // Outside the repository; the embedded server runs as the `postgres` user when started as root.
      const dir = yield* fs.makeTempDirectoryScoped({ prefix: "ec-service-" })
      yield* fs.chmod(dir, 0o755)

      // 1. `npm init -y`, and the packages (linked instead of installed)
      expect((yield* Scratch.exec("npm", ["init", "-y"], dir)).status).toBe(0)
      yield* _linkModules(dir)

      // 2. `npx codegen init shelf` prints what the page shows
      const init = yield* Scratch.exec(process.execPath, [_bin, "init", "shelf"], dir)
      expect(init.status, init.stderr).toBe(0)
      expect(init.stdout).toBe(_block(page, "npx codegen init shelf\n```", "text"))

      // 3. `npx codegen`, then `npx tsc --noEmit`: everything compiles as scaffolded
      const generate = yield* Scratch.exec(process.execPath, [_bin], dir)
      expect(generate.status, generate.stderr).toBe(0)
      expect(generate.stdout).toContain("created  src/handlers/shelf/Rpcs.ts")
      const tsc = yield* Scratch.exec(process.execPath, [_tsc, "--noEmit"], dir)
      expect(tsc.status, tsc.stdout).toBe(0)

      // 4. the handler from the page, which still compiles
      yield* fs.writeFileString(`${dir}/src/handlers/shelf/Rpcs.ts`, _block(page, "<!-- scaffold: src/handlers/shelf/Rpcs.ts -->", "ts"))
      const again = yield* Scratch.exec(process.execPath, [_tsc, "--noEmit"], dir)
      expect(again.status, again.stdout).toBe(0)

      // 5. and 6. `npx tsx src/main.ts` [--postgres], then the page's call
      const success = { _tag: "Exit", requestId: "1", exit: { _tag: "Success", value: { id: "s1" } } }
      expect(yield* _serve(dir, [])).toStrictEqual(success)
      expect(yield* _serve(dir, ["--postgres"])).toStrictEqual(success)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 240_000)
})
