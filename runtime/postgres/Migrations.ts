/**
 * Creating tables when pods start together. PostgreSQL's `CREATE … IF NOT EXISTS` is not atomic: two pods
 * creating one table at once collide on a unique violation. Both helpers serialize on an advisory lock;
 * other dialects (SQLite: one pod, one connection) run as is.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** Run `statements` in one transaction, under the transaction-scoped advisory lock `lockId` on PostgreSQL. */
const ddl = (sql: SqlClient.SqlClient, lockId: number, statements: ReadonlyArray<string>): Effect.Effect<void, SqlError.SqlError> =>
  sql.withTransaction(Effect.zipRight(
    sql.onDialectOrElse({ pg: () => Effect.asVoid(sql`SELECT pg_advisory_xact_lock(${lockId})`), orElse: () => Effect.void }),
    Effect.forEach(statements, (statement) => sql.unsafe(statement), { discard: true })
  ))

/**
 * Build `layer` holding the session advisory lock `lockId` (PostgreSQL), for layers whose own start-up
 * creates tables (the library's storages); released as soon as it is built. A reservation would deadlock
 * SQLite's one connection, so other dialects build it as is.
 */
const serialized = <A, E, R>(lockId: number, layer: Layer.Layer<A, E, R>) =>
  Layer.unwrapScoped(Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const locked = Effect.acquireUseRelease(
      sql.reserve.pipe(Effect.tap((c) => c.executeRaw(`SELECT pg_advisory_lock(${lockId})`, []))),
      () => Layer.build(layer),
      (c) => c.executeRaw(`SELECT pg_advisory_unlock(${lockId})`, []).pipe(Effect.ignore)
    )
    return Layer.succeedContext(yield* sql.onDialectOrElse({ pg: () => locked, orElse: () => Layer.build(layer) }))
  }))

export const Migrations = { ddl, serialized } as const
