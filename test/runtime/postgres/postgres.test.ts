/**
 * `Postgres` on a real server, no mocks: the embedded server starts on a free port, databases are isolated
 * and dropped, everything is stopped and deleted at scope end, DATABASE_URL wins, and an unreachable server
 * fails with a typed, readable, redacted error after the retry window.
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import { describe, expect, it, layer } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { connect, createServer } from "node:net"
import { Postgres } from "effect-contracts/Postgres"

/** Settings as if the environment were empty (a DATABASE_URL from the machine must not leak in). */
const env = (vars: Record<string, string> = {}) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(vars))))

const embedded = Postgres.server.pipe(Layer.provide(env()))

/** A scoped SqlClient on `url`. */
const sqlOn = (url: string) =>
  PgClient.make({ url: Redacted.make(url), maxConnections: 1 }).pipe(Effect.provide(Reactivity.layer))

const tableExists = (url: string, table: string) =>
  Effect.scoped(Effect.flatMap(sqlOn(url), (sql) => sql<{ t: string | null }>`SELECT to_regclass(${table}) AS t`)).pipe(
    Effect.map((rows) => rows[0]?.t != null)
  )

const databaseExists = (adminUrl: string, name: string) =>
  Effect.scoped(Effect.flatMap(sqlOn(adminUrl), (sql) => sql`SELECT 1 FROM pg_database WHERE datname = ${name}`)).pipe(
    Effect.map((rows) => rows.length === 1)
  )

/** Whether something accepts TCP connections on 127.0.0.1:port. */
const listening = (port: number) =>
  Effect.async<boolean>((resume) => {
    const socket = connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resume(Effect.succeed(true))
    })
    socket.once("error", () => resume(Effect.succeed(false)))
  })

/** A port nothing listens on (bound, then released). */
const closedPort = Effect.async<number>((resume) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 1
    server.close(() => resume(Effect.succeed(port)))
  })
})

const processesFor = (dataDir: string) => spawnSync("pgrep", ["-f", "--", `-D ${dataDir}`]).stdout.toString().trim()

const portOf = (url: string) => Number(new URL(url).port)

layer(embedded, { excludeTestServices: true })("an embedded server", (it) => {
  it.effect("starts on a free port (never 5432) with its own data dir, and answers queries", () =>
    Effect.gen(function*() {
      const server = yield* Postgres.Server
      expect(server.provider).toBe("embedded")
      expect(portOf(server.adminUrl)).not.toBe(5432)
      expect(Option.map(server.dataDir, existsSync)).toEqual(Option.some(true))
      const rows = yield* Effect.scoped(Effect.flatMap(sqlOn(server.adminUrl), (sql) => sql<{ v: string }>`SELECT current_setting('server_version') AS v`))
      expect(rows[0]?.v).toMatch(/^17\./)
    }))

  it.scoped("gives isolated databases: a table made in one is absent from the other", () =>
    Effect.gen(function*() {
      const a = yield* Postgres.database("isolated")
      const b = yield* Postgres.database("isolated")
      expect(a.name).not.toBe(b.name)
      const sqlA = yield* sqlOn(a.url)
      yield* sqlA`CREATE TABLE widgets (id int PRIMARY KEY)`
      yield* sqlA`INSERT INTO widgets VALUES (1)`
      expect(yield* tableExists(a.url, "widgets")).toBe(true)
      expect(yield* tableExists(b.url, "widgets")).toBe(false)
    }))

  it.effect("drops a database when its scope closes, even with a client still connected", () =>
    Effect.gen(function*() {
      const { adminUrl } = yield* Postgres.Server
      const dbScope = yield* Scope.make()
      const clientScope = yield* Scope.make()
      const db = yield* Postgres.database().pipe(Scope.extend(dbScope))
      const sql = yield* sqlOn(db.url).pipe(Scope.extend(clientScope))
      yield* sql`SELECT 1`
      expect(yield* databaseExists(adminUrl, db.name)).toBe(true)
      yield* Scope.close(dbScope, Exit.void)
      expect(yield* databaseExists(adminUrl, db.name)).toBe(false)
      yield* Scope.close(clientScope, Exit.void)
    }))

  it.effect("DATABASE_URL wins over PG_PROVIDER, is used as is, and is left running afterwards", () =>
    Effect.gen(function*() {
      const embeddedServer = yield* Postgres.Server
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(
        Postgres.server.pipe(Layer.provide(env({ DATABASE_URL: embeddedServer.adminUrl, PG_PROVIDER: "testcontainers" }))),
        scope
      )
      const server = yield* Effect.provide(Postgres.Server, context)
      expect(server.provider).toBe("url")
      expect(server.adminUrl).toBe(embeddedServer.adminUrl)
      expect(server.dataDir).toEqual(Option.none())
      const db = yield* Postgres.database("override").pipe(Effect.provide(context), Scope.extend(scope))
      expect(db.url).toBe(embeddedServer.url(db.name))
      yield* Scope.close(scope, Exit.void)
      expect(yield* databaseExists(embeddedServer.adminUrl, db.name)).toBe(false)
      expect(yield* listening(portOf(embeddedServer.adminUrl))).toBe(true)
    }))
})

describe("scope end", () => {
  it.live("layerClient: a fresh database; then the server is stopped and its data dir removed", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(Postgres.layerClient.pipe(Layer.provide(env())), scope)
      const { dataDir, adminUrl } = Context.get(context, Postgres.Server)
      const db = Context.get(context, Postgres.Database)
      const rows = yield* Effect.provide(SqlClient.SqlClient, context).pipe(
        Effect.flatMap((sql) => sql<{ db: string }>`SELECT current_database() AS db`)
      )
      expect(rows[0]?.db).toBe(db.name)
      expect(db.name).toMatch(/^test_[0-9a-f]{10}$/)
      const dir = Option.getOrThrow(dataDir)
      expect(processesFor(dir)).not.toBe("")
      yield* Scope.close(scope, Exit.void)
      expect(existsSync(dir)).toBe(false)
      expect(processesFor(dir)).toBe("")
      expect(yield* listening(portOf(adminUrl))).toBe(false)
    }))
})

describe("an unreachable DATABASE_URL", () => {
  it.live("fails after the retry window with a typed error naming the URL, password redacted", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const url = `postgres://app:s3cret@127.0.0.1:${port}/app`
      const warnings: Array<string> = []
      const started = Date.now()
      const error = yield* Layer.build(Postgres.server).pipe(
        Effect.provide(env({ DATABASE_URL: url, DATABASE_CONNECT_TIMEOUT: "1 second" })),
        Effect.scoped,
        Effect.flip,
        Effect.provide(Logger.replace(Logger.defaultLogger, Logger.make(({ message }) => void warnings.push(String(message)))))
      )
      const elapsed = Date.now() - started
      expect(error._tag).toBe("PostgresError")
      expect(error).toBeInstanceOf(Postgres.Error)
      expect(error).toMatchObject({ reason: "Unreachable", target: `postgres://app:***@127.0.0.1:${port}/app` })
      expect(error.message).toMatch(new RegExp(`unreachable .*127\\.0\\.0\\.1:${port}.*ECONNREFUSED.*gave up after \\d+ attempts`))
      expect(error.message).not.toContain("s3cret")
      expect(elapsed).toBeGreaterThanOrEqual(900)
      expect(elapsed).toBeLessThan(5_000)
      expect(warnings.length).toBeGreaterThan(1)
      expect(warnings.join("\n")).toContain(`unreachable at postgres://app:***@127.0.0.1:${port}/app (attempt 1)`)
      expect(warnings.join("\n")).not.toContain("s3cret")
    }))
})
