/**
 * The events runtime in one process, on the single-pod storages: SQLite (the relay sweeps, no
 * LISTEN/NOTIFY) and the in-memory cluster over SQLite data. Committed events are delivered once per
 * subscription, rolled-back ones never, an invalid event is refused before anything is written, and a
 * failing handler's event is dead-lettered after its retries.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../../runtime/cluster/ClusterConfig.js"
import { Events } from "../../../runtime/events/Events.js"
import { Pods } from "../cluster/Pods.js"
import { Shop } from "./Shop.js"

const _sqlite = Layer.unwrapScoped(Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "ec-events-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map((dir) => SqliteClient.layer({ filename: join(dir, "app.db") }))))

const _app = (storage: ClusterConfig.Storage) =>
  Layer.unwrapEffect(Effect.map(Pods.freePort, (runnerPort) =>
    Shop.subscriptions.pipe(
      Layer.provideMerge(Cluster.layer({ ...ClusterConfig.defaults, storage, runnerPort, listenHost: Option.none() }))
    ))).pipe(
      Layer.provideMerge(Layer.effectDiscard(Effect.flatMap(SqlClient.SqlClient, (sql) =>
        Effect.all([
          sql`CREATE TABLE IF NOT EXISTS ev_cured (id int PRIMARY KEY)`,
          sql`CREATE TABLE IF NOT EXISTS ev_sales (id int PRIMARY KEY, at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
          sql`CREATE TABLE IF NOT EXISTS ev_effects (subscription text NOT NULL, event_id text NOT NULL, pod text NOT NULL,
            attempt int NOT NULL, at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)`
        ], { discard: true })))),
      Layer.provideMerge(_sqlite)
    )

const _scenario = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const sale = (id: number) => Shop.Sale.make({ payload: { id, amount: 1 } })
  yield* sql.withTransaction(Shop.publish([sale(1), Shop.Refund.make({ payload: { id: 1 } })]))
  yield* sql.withTransaction(Effect.zipRight(Shop.publish(sale(2)), Effect.fail("rolled back"))).pipe(Effect.ignore)
  yield* Shop.publish(sale(3))
  yield* Shop.publish(sale(3))
  yield* Shop.publish(sale(Shop.poison))
  const invalid = yield* Effect.flip(Shop.publish({ _tag: "Sale", payload: { id: 4, amount: -1 } }))
  expect(invalid._tag).toBe("ParseError")

  const expected = [
    "ledger.Record|shop.Refund/1",
    "ledger.Record|shop.Sale/1",
    "ledger.Record|shop.Sale/3",
    "mailer.Notify|shop.Sale/1",
    "mailer.Notify|shop.Sale/3",
    `mailer.Notify|shop.Sale/${Shop.poison}`
  ]
  const effects = yield* sql<{ k: string }>`SELECT subscription || '|' || event_id AS k FROM ev_effects ORDER BY k`.pipe(
    Effect.map((rows) => rows.map((r) => r.k)),
    Effect.filterOrFail((ks) => ks.length >= expected.length),
    Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 100 })
  )
  const dead = yield* Events.deadLetters.pipe(
    Effect.filterOrFail((d) => d.length > 0),
    Effect.retry({ schedule: Schedule.spaced("250 millis"), times: 80 })
  )
  expect(effects, "committed events once per subscription; the rolled-back and the invalid one never").toEqual(expected)
  expect(dead.map((d) => [d.subscription, d.event_id])).toEqual([["ledger.Record", `shop.Sale/${Shop.poison}`]])
  expect(dead[0]?.error).toContain(`ledger refuses sale ${Shop.poison}`)
  const outbox = yield* sql<{ n: number }>`SELECT count(*) AS n FROM ec_event_outbox`
  expect(Number(outbox[0]?.n)).toBe(0)

  // The handler is fixed: replaying the dead letter delivers it to the ledger (only), once.
  yield* sql`INSERT INTO ev_cured (id) VALUES (${Shop.poison})`
  expect(yield* Events.replay(dead[0]!.id)).toBe(true)
  expect(yield* Events.replay(dead[0]!.id), "a dead letter is replayed once").toBe(false)
  const after = yield* sql<{ k: string }>`SELECT subscription || '|' || event_id AS k FROM ev_effects ORDER BY k`.pipe(
    Effect.map((rows) => rows.map((r) => r.k)),
    Effect.filterOrFail((ks) => ks.length > expected.length),
    Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 100 })
  )
  expect(after).toEqual([...expected, `ledger.Record|shop.Sale/${Shop.poison}`].sort())
  expect(yield* Events.deadLetters).toEqual([])
})

describe("events on one pod", () => {
  it.live("SQLite storage: delivered after commit, once, rollbacks and invalid events never, poison dead-lettered", () =>
    _scenario.pipe(Effect.provide(_app("sqlite"))), { timeout: 60_000 })

  it.live("memory cluster over a SQLite database: the same", () =>
    _scenario.pipe(Effect.provide(_app("memory"))), { timeout: 60_000 })
})
