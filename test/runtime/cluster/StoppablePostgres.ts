/**
 * An embedded PostgreSQL of one test's own (`Postgres.server`, never `DATABASE_URL`) that the test may stop
 * and start again on the same data directory and port. `Postgres.server` still stops and deletes it at the end.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { spawn } from "node:child_process"
import { Postgres } from "../../../runtime/postgres/Postgres.js"

/** Always the embedded provider: a DATABASE_URL from the machine is a server this test must not stop. */
const _embedded = Postgres.server.pipe(Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map()))))

/** `postmaster.opts` holds the server's command line: `/…/postgres "-D" "/tmp/…" "-p" "41389" …`. */
const _commandLine = (opts: string) => ({
  command: opts.slice(0, opts.indexOf(' "')).trim(),
  args: Array.from(opts.matchAll(/"([^"]*)"/g), (m) => m[1] ?? "")
})

const make = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const server = yield* Postgres.Server
  const dir = yield* Option.match(server.dataDir, {
    onNone: () => Effect.dieMessage("StoppablePostgres needs the embedded server (it has a data directory)"),
    onSome: Effect.succeed
  })
  const { name, url } = yield* Postgres.database("health")
  const { args, command } = _commandLine(yield* fs.readFileString(`${dir}/postmaster.opts`))
  const owner = yield* fs.stat(dir)
  const pidFile = `${dir}/postmaster.pid`
  /** `postmaster.pid`: line 1 the pid, line 8 the status (`starting`, `ready`, `stopping`). */
  const status = fs.readFileString(pidFile).pipe(
    Effect.map((text) => ({ pid: Number.parseInt(text.split("\n")[0] ?? "", 10), ready: (text.split("\n")[7] ?? "").trim() === "ready" })),
    Effect.option
  )
  const poll = <A>(effect: Effect.Effect<A>, done: (a: A) => boolean, what: string) =>
    effect.pipe(
      Effect.repeat({ until: done, schedule: Schedule.spaced("20 millis") }),
      Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => `PostgreSQL did not ${what} within 30 s` }),
      Effect.orDie
    )
  return {
    name,
    url,
    /** Fast shutdown (SIGINT to the postmaster): connections are cut, the data stays. */
    stop: Effect.gen(function*() {
      const pid = Option.map(yield* status, (s) => s.pid)
      yield* Effect.sync(() => Option.map(pid, (p) => globalThis.process.kill(p, "SIGINT")))
      yield* poll(status, Option.isNone, "stop")
    }),
    /** The same command line again, as the data directory's owner; done once it accepts connections. */
    start: Effect.gen(function*() {
      const root = globalThis.process.getuid?.() === 0
      const ids = root ? { uid: Option.getOrElse(owner.uid, () => 0), gid: Option.getOrElse(owner.gid, () => 0) } : {}
      yield* Effect.sync(() => spawn(command, args, { ...ids, stdio: "ignore", detached: true }).unref())
      yield* poll(status, (s) => Option.exists(s, (x) => x.ready), "start")
    })
  }
})

export const StoppablePostgres = {
  make,
  /** The server `make` needs: embedded, whatever the environment says. */
  server: _embedded
} as const
