/**
 * The cluster benchmark's baseline: the persisted-message cycle a cluster needs at minimum — insert the
 * request, the handler's side effect, mark it processed and insert the reply — issued directly with SQL.
 */
import * as Command from "@effect/platform/Command"
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { fileURLToPath } from "node:url"

const _root = fileURLToPath(new URL("../..", import.meta.url))

/**
 * Tables shaped exactly like the cluster's own (columns, defaults, indexes), beside them on the same
 * database; the cluster has created `cluster_messages` / `cluster_replies` by the time this runs.
 */
const setup = (sql: SqlClient.SqlClient) =>
  Effect.all([
    sql`CREATE TABLE IF NOT EXISTS bench_messages (LIKE cluster_messages INCLUDING ALL)`,
    sql`CREATE TABLE IF NOT EXISTS bench_replies (LIKE cluster_replies INCLUDING ALL)`,
    sql`CREATE TABLE IF NOT EXISTS bench_effects (LIKE probe_effects INCLUDING ALL)`
  ], { discard: true })

/** Run `f` with a short-lived one-connection client on the benchmark's database. */
const withSql = <A>(url: string, f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
  Effect.scoped(
    Layer.build(PgClient.layer({ url: Redacted.make(url), maxConnections: 1 })).pipe(
      Effect.flatMap((context) => Effect.provide(SqlClient.SqlClient, context)),
      Effect.flatMap(f)
    )
  ).pipe(Effect.orDie)

/** One message (same statements as `_clusterRawPg.mjs`: keep the two in step). */
const _cycle = (sql: SqlClient.SqlClient, base: bigint, prefix: string, i: number) => {
  const id = String(base + BigInt(i) * 2n)
  const replyId = String(base + BigInt(i) * 2n + 1n)
  const messageId = `${prefix}-${i}`
  const entity = `bench-${i % 64}`
  const reply = JSON.stringify({ _tag: "Success", value: { pod: "bench", shard: "default:1" } })
  return sql`INSERT INTO bench_messages (id, message_id, shard_id, entity_type, entity_id, kind, tag, payload, headers, request_id)
    VALUES (${id}, ${`Probe/${entity}/Hit/${messageId}`}, ${`default:${1 + (i % 300)}`}, 'Probe', ${entity}, 0, 'Hit',
      ${JSON.stringify({ messageId })}, '{}', ${id}) ON CONFLICT (message_id) DO NOTHING RETURNING id`.pipe(
    Effect.zipRight(sql`INSERT INTO bench_effects (message_id, pod) VALUES (${messageId}, 'bench')
      ON CONFLICT (message_id) DO UPDATE SET attempts = bench_effects.attempts + 1`),
    Effect.zipRight(sql`WITH m AS (UPDATE bench_messages SET processed = TRUE, last_reply_id = ${replyId} WHERE request_id = ${id})
      INSERT INTO bench_replies (id, kind, request_id, payload) VALUES (${replyId}, 0, ${id}, ${reply})`)
  )
}

/** The cycle through @effect/sql-pg (the client the cluster itself uses), in this process. */
const effect = (url: string, concurrency: number, ms: number, prefix: string) =>
  Effect.scoped(Effect.gen(function*() {
    const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(url), maxConnections: concurrency }))
    const sql = yield* Effect.provide(SqlClient.SqlClient, context)
    const base = BigInt(Date.now()) << 22n
    const state = { next: 0 }
    const latencies: Array<number> = []
    const deadline = performance.now() + ms
    const one = () =>
      Effect.suspend(() => {
        const t0 = performance.now()
        return _cycle(sql, base, prefix, state.next++).pipe(
          Effect.tap(() => Effect.sync(() => latencies.push(Math.round((performance.now() - t0) * 1000) / 1000)))
        )
      })
    const worker = Effect.whileLoop({ while: () => performance.now() < deadline, body: one, step: () => undefined })
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    yield* Effect.all(Array.from({ length: concurrency }, () => worker), { concurrency: "unbounded", discard: true })
    const elapsed = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const run: ClusterSql.Run = { ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, latencies }
    return run
  }))

const _Run = Schema.parseJson(Schema.Struct({ ms: Schema.Number, cpuMs: Schema.Number, latencies: Schema.Array(Schema.Number) }))

/** The cycle through node-postgres directly (no Effect), in a child process: `_clusterRawPg.mjs`. */
const raw = (url: string, concurrency: number, ms: number, prefix: string) =>
  Command.make(process.execPath, "test/bench/_clusterRawPg.mjs", url, String(concurrency), String(ms), prefix).pipe(
    Command.workingDirectory(_root),
    Command.string,
    Effect.flatMap((out) => Schema.decodeUnknown(_Run)(out.trim().split("\n").pop() ?? "")),
    Effect.orDie
  )

export const ClusterSql = { setup, effect, raw, withSql } as const

export declare namespace ClusterSql {
  interface Run {
    readonly ms: number
    /** CPU time of the client process during the run (user + system). */
    readonly cpuMs: number
    readonly latencies: ReadonlyArray<number>
  }
}
