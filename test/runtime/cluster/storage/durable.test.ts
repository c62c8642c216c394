/**
 * The cluster's durable storages in one process: SQLite (the single-pod storage) keeps persisted
 * messages and deduplicates them by primary key; a payload that does not encode is refused before
 * anything is stored; retention prunes processed messages (on SQLite and PostgreSQL) and nothing else.
 */
import * as Entity from "@effect/cluster/Entity"
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as Rpc from "@effect/rpc/Rpc"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Cluster } from "../../../../runtime/cluster/Cluster.js"
import { EntityClient } from "../../../../runtime/cluster/EntityClient.js"
import { ClusterConfig } from "../../../../runtime/cluster/ClusterConfig.js"
import { Postgres } from "../../../../runtime/postgres/Postgres.js"
import { Retention } from "../../../../runtime/cluster/Retention.js"
import { Pods } from "../Pods.js"

const _Ledger = Entity.make("Ledger", [
  Rpc.make("Add", {
    payload: { id: Schema.String, amount: Schema.Int.pipe(Schema.positive()) },
    success: Schema.Number,
    primaryKey: (p) => p.id
  }).annotate(ClusterSchema.Persisted, true)
])

class _Runs extends Effect.Service<_Runs>()("test/Runs", { effect: Ref.make(0) }) {}

const _LedgerLive = _Ledger.toLayer(Effect.gen(function*() {
  const runs = yield* _Runs
  return { Add: (r) => Ref.updateAndGet(runs, (n) => n + r.payload.amount) }
}))

const _config = (storage: ClusterConfig.Storage, runnerPort: number): ClusterConfig => ({
  ...ClusterConfig.defaults,
  storage,
  runnerPort,
  listenHost: Option.none()
})

const _sqlite = Layer.unwrapScoped(Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "ec-sqlite-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map((dir) => SqliteClient.layer({ filename: join(dir, "cluster.db") }))))

const _app = (storage: ClusterConfig.Storage) =>
  Layer.unwrapEffect(Effect.map(Pods.freePort, (port) =>
    _LedgerLive.pipe(Layer.provideMerge(Cluster.layer(_config(storage, port))), Layer.provideMerge(_Runs.Default))))

const _stored = SqlClient.SqlClient.pipe(
  Effect.flatMap((sql) => sql<{ n: number }>`SELECT count(*) AS n FROM cluster_messages WHERE entity_type = 'Ledger'`),
  Effect.map((rows) => Number(rows[0]?.n ?? 0))
)

const _scenario = Effect.gen(function*() {
  const ledger = (yield* EntityClient.make(_Ledger))("acct-1")
  expect(yield* ledger.Add({ id: "a", amount: 5 })).toBe(5)
  expect(yield* ledger.Add({ id: "b", amount: 2 })).toBe(7)
  expect(yield* ledger.Add({ id: "a", amount: 5 }), "a duplicate primary key gets the stored reply").toBe(5)
  expect(yield* Ref.get(yield* _Runs), "the handler ran once per primary key").toBe(7)
  expect(yield* _stored).toBe(2)
  const refused = yield* Effect.flip(ledger.Add({ id: "c", amount: -1 }))
  expect(refused._tag).toBe("ParseError")
  expect(yield* _stored, "a payload that does not encode is never stored").toBe(2)
  expect(yield* Retention.prune({ olderThan: "1 hour" })).toStrictEqual({ messages: 0, replies: 0 })
  const pruned = yield* Retention.prune({ olderThan: "0 millis" })
  expect(pruned.messages).toBe(2)
  expect(yield* _stored, "processed messages are pruned").toBe(0)
})

describe("cluster storage", () => {
  it.live("SQLite: persisted, deduplicated by primary key, invalid payloads refused, retention prunes", () =>
    _scenario.pipe(Effect.provide(_app("sqlite").pipe(Layer.provideMerge(_sqlite)))), { timeout: 60_000 })

  it.live("PostgreSQL: the same, with socket runners and advisory-lock shard ownership", () =>
    _scenario.pipe(
      Effect.provide(_app("postgres").pipe(Layer.provideMerge(Postgres.layerClient)))
    ), { timeout: 60_000 })
})
