/**
 * The cluster benchmark's control: the probe entity written by hand with @effect/cluster (Entity.make,
 * Rpc.make, ClusterSchema.Persisted) and the same handler body, so the generated path's overhead shows.
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as Entity from "@effect/cluster/Entity"
import * as Rpc from "@effect/rpc/Rpc"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const _Handled = Schema.Struct({ pod: Schema.String, shard: Schema.String })

/** The generated `Probe.Hit`, by hand: persisted, deduplicated by the message id. */
const _Hit = Rpc.make("Hit", {
  payload: { messageId: Schema.String },
  success: _Handled,
  primaryKey: (p) => p.messageId
}).annotate(ClusterSchema.Persisted, true)

/** `Hit` that also says when its handler started (epoch ms, sub-millisecond): send → handler latency. */
const _Stamp = Rpc.make("Stamp", {
  payload: { messageId: Schema.String },
  success: Schema.Struct({ pod: Schema.String, shard: Schema.String, startedAt: Schema.Number }),
  primaryKey: (p) => p.messageId
}).annotate(ClusterSchema.Persisted, true)

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes on one host. */
const _now = Effect.sync(() => performance.timeOrigin + performance.now())

const RawProbeEntity = Entity.make("RawProbe", [_Hit, _Stamp])

/** The generated stub's body, table check included: one `probe_effects` row per message id (a redelivery bumps `attempts`). */
const _handlers = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const pod = yield* Config.string("POD_NAME").pipe(Config.withDefault("pod"))
  const shard = (yield* Entity.CurrentAddress).shardId.toString()
  yield* sql`CREATE TABLE IF NOT EXISTS probe_effects (
    message_id text PRIMARY KEY, pod text NOT NULL, attempts int NOT NULL DEFAULT 1, at timestamptz NOT NULL DEFAULT now())`
  const effect = (messageId: string) =>
    sql`INSERT INTO probe_effects (message_id, pod) VALUES (${messageId}, ${pod})
      ON CONFLICT (message_id) DO UPDATE SET attempts = probe_effects.attempts + 1`.pipe(Effect.orDie)
  return RawProbeEntity.of({
    Hit: (request) => effect(request.payload.messageId).pipe(Effect.as({ pod, shard })),
    Stamp: (request) =>
      _now.pipe(Effect.tap(() => effect(request.payload.messageId)), Effect.map((startedAt) => ({ pod, shard, startedAt })))
  })
}).pipe(Effect.orDie)

/** Registers the entity on the pod's cluster, with the generated layer's options. */
const layer = RawProbeEntity.toLayer(_handlers, { concurrency: "unbounded" })

export const RawProbe = { entity: RawProbeEntity, layer, now: _now } as const
