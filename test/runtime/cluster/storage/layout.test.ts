/**
 * `ClusterStorage`'s additions to the library's tables: the partial index of unprocessed messages, the read
 * as a PL/pgSQL function and the fixed autovacuum thresholds, applied by two runners starting at once, and
 * skipped with a warning for a role that may not apply them; and a young table (never analyzed)
 * analyzed by the storage once it has changed enough, after which the storage loop's read uses the index
 * instead of a sequential scan of every message ever stored.
 */
import * as Snowflake from "@effect/cluster/Snowflake"
import * as SqlClient from "@effect/sql/SqlClient"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as PgClient from "@effect/sql-pg/PgClient"
import { ClusterStorage } from "../../../../runtime/cluster/storage/ClusterStorage.js"
import { ClusterStorageLayout } from "../../../../runtime/cluster/storage/Layout.js"
import { Postgres } from "../../../../runtime/postgres/Postgres.js"
import { Conformance } from "./Conformance.js"

/** The storage loop's read as `ClusterStorageSql` words it, for 150 of the 300 shards. */
const _plan = (sql: SqlClient.SqlClient, prefix: string) =>
  sql.unsafe<Record<string, string>>(`EXPLAIN UPDATE "${prefix}_messages" m SET last_read = NOW()
    WHERE m.shard_id = ANY($1) AND m.processed = FALSE
    AND (m.last_read IS NULL OR m.last_read < NOW() - INTERVAL '10 minutes') AND (m.deliver_at IS NULL OR m.deliver_at <= $2)
    RETURNING m.id`, [Array.from({ length: 150 }, (_, i) => `default:${2 * i}`), Date.now()]).pipe(
    Effect.map((rows) => rows.map((r) => Object.values(r)[0]).join("\n"))
  )

/** `n` processed messages and a few unprocessed ones, written as a busy cluster would leave them. */
const _fill = (sql: SqlClient.SqlClient, prefix: string, n: number) =>
  sql.unsafe(`INSERT INTO "${prefix}_messages" (id, message_id, shard_id, entity_type, entity_id, kind, tag, payload, headers,
      processed, request_id) SELECT g, 'm' || g, 'default:' || (g % 300), 'Probe', 'e' || (g % 64), 0, 'Hit', '{}', '{}',
      g > 20, g FROM generate_series(1, ${n}) g`)

layer(Layer.merge(Postgres.layerClient, Snowflake.layerGenerator), { timeout: "60 seconds", excludeTestServices: true })("the storage's table layout", (it) => {
  it.scoped("the storage applies it, and two runners applying it at once both succeed: the partial index, the thresholds", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* ClusterStorage.make({ prefix: "twice" })
      const raw = sql.withoutTransforms()
      yield* Effect.all([ClusterStorageLayout.apply(raw, "twice"), ClusterStorageLayout.apply(raw, "twice")], { concurrency: 2 })
      const index = yield* sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE indexname = 'twice_messages_unprocessed_idx'`
      assert.match(index[0]?.indexdef ?? "", /\(shard_id\) WHERE \(processed = false\)/)
      const read = yield* sql<{ n: string }>`SELECT count(*)::text AS n FROM pg_proc WHERE proname = 'twice_ec_unprocessed_v1'`
      assert.strictEqual(read[0]?.n, "1", "the storage loop's read, as a function")
      const options = yield* sql<{ relname: string; reloptions: ReadonlyArray<string> }>`SELECT relname, reloptions FROM pg_class
        WHERE relname IN ('twice_messages', 'twice_replies') ORDER BY relname`
      assert.deepStrictEqual(options.map((o) => o.relname), ["twice_messages", "twice_replies"])
      options.forEach((o) => {
        assert.include(o.reloptions, "autovacuum_vacuum_threshold=1000")
        assert.include(o.reloptions, "autovacuum_vacuum_scale_factor=0")
        assert.include(o.reloptions, "autovacuum_analyze_threshold=1000")
      })
    }))

  it.scoped("a young table is analyzed once it has changed enough, and the read then uses the index", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* ClusterStorage.make({ prefix: "young" })
      yield* _fill(sql, "young", 20_000)
      const before = yield* _plan(sql, "young")
      // Usually a sequential scan (no statistics yet), unless autovacuum got there first: shown, not asserted.
      yield* Effect.log(`before analyze: ${before.split("\n")[1]?.trim() ?? before}`)
      yield* ClusterStorageLayout.analyzeWhileYoung(sql.withoutTransforms(), "young").pipe(Effect.timeout("30 seconds"))
      const analyzed = yield* sql<{ n: string }>`SELECT count(*)::text AS n FROM pg_stat_user_tables
        WHERE relname = 'young_messages' AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`
      assert.strictEqual(analyzed[0]?.n, "1")
      const after = yield* _plan(sql, "young")
      assert.notMatch(after, /Seq Scan/, `with statistics the read uses an index:\n${after}`)
      assert.match(after, /young_messages_unprocessed_idx/)
    }))

  it.scoped("a role that does not own the tables gets warnings, not a crash, and a storage that works", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const db = yield* Postgres.Database
      yield* ClusterStorage.make({ prefix: "owned" })
      const role = `ec_user_${Math.random().toString(36).slice(2, 10)}`
      yield* Effect.acquireRelease(
        Effect.zipRight(
          sql.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`),
          sql.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`)
        ),
        () => Effect.ignore(Effect.zipRight(sql.unsafe(`DROP OWNED BY ${role}`), sql.unsafe(`DROP ROLE ${role}`)))
      )
      const url = new URL(db.url)
      url.username = role
      url.password = "pw"
      const client = yield* Layer.build(Layer.orDie(PgClient.layer({ url: Redacted.make(url.toString()), maxConnections: 2 })))
      const storage = yield* ClusterStorage.make({ prefix: "owned" }).pipe(Effect.provide(client))
      const request = yield* Conformance.plain(1)
      const saved = yield* storage.saveRequest(request)
      assert.strictEqual(saved._tag, "Success")
      const read = yield* storage.unprocessedMessages([Conformance.shard])
      assert.deepStrictEqual(Conformance.ids(read), [String(request.envelope.requestId)])
    }))
})
