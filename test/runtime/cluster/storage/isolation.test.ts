/**
 * The cluster's message storage never joins the caller's SQL transaction: a persisted message sent inside
 * `sql.withTransaction` is stored (and handled) at once, and a rollback of that transaction leaves it be.
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as Entity from "@effect/cluster/Entity"
import * as Rpc from "@effect/rpc/Rpc"
import * as SqlClient from "@effect/sql/SqlClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { Cluster } from "../../../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../../../runtime/cluster/ClusterConfig.js"
import { EntityClient } from "../../../../runtime/cluster/EntityClient.js"
import { Postgres } from "../../../../runtime/postgres/Postgres.js"
import { Pods } from "../Pods.js"

const _Counter = Entity.make("IsolationCounter", [
  Rpc.make("Add", { payload: { id: Schema.String }, success: Schema.String, primaryKey: (p) => p.id })
    .annotate(ClusterSchema.Persisted, true)
])

const _CounterLive = _Counter.toLayer({ Add: (r) => Effect.succeed(`added ${r.payload.id}`) })

const _app = Layer.unwrapEffect(Effect.map(Pods.freePort, (runnerPort) =>
  _CounterLive.pipe(
    Layer.provideMerge(Cluster.layer({ ...ClusterConfig.defaults, storage: "postgres", runnerPort, listenHost: Option.none() }))
  ))).pipe(Layer.provideMerge(Postgres.layerClient))

describe("message storage and the caller's transaction", () => {
  it.live("a message sent inside a transaction is stored at once and survives its rollback", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const counter = (yield* EntityClient.make(_Counter))("c1")
      const replied = yield* sql.withTransaction(
        counter.Add({ id: "in-tx" }).pipe(Effect.flatMap((reply) => Effect.fail({ rolledBack: reply })))
      ).pipe(Effect.flip)
      expect(replied).toEqual({ rolledBack: "added in-tx" })
      const stored = yield* sql<{ n: string }>`SELECT count(*) AS n FROM cluster_messages WHERE entity_type = 'IsolationCounter'`
      expect(Number(stored[0]?.n), "the message was not part of the rolled-back transaction").toBe(1)
      expect(yield* counter.Add({ id: "in-tx" }), "and it is deduplicated as usual").toBe("added in-tx")
    }).pipe(Effect.provide(_app)), { timeout: 60_000 })
})
