// Handler stub created by effect-contracts from test/runtime/cluster/app/contracts/probe.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { ClusterFence } from "../../../../../../../runtime/cluster/ClusterFence.js"
import { ClusterLease } from "../../../../../../../runtime/cluster/ClusterLease.js"
import { ProbeEntity } from "../../../generated/probe/entities/Probe.js"

/**
 * Handlers of entity `Probe`. A `Hit`'s side effect is one row keyed by the message's primary key, so a
 * redelivery after a crash (the handler ran, the pod died before the reply was stored) bumps `attempts`
 * instead of repeating the effect: delivery is at-least-once, effects are exactly-once. Each run also logs
 * who ran it and when (`probe_runs`: entity, pod, start and commit time), so tests can find two pods running
 * one entity at once, with `PROBE_FENCED=true`: then the write is fenced (`ClusterFence`) and
 * `PROBE_HIT_HOLD_MS` keeps each run in flight that long (off by default: benchmarks time the plain write).
 */
export const ProbeHandlers = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const pod = yield* Config.string("POD_NAME").pipe(Config.withDefault("pod"))
  const address = yield* Entity.CurrentAddress
  const shard = address.shardId.toString()
  const fenced = yield* Config.boolean("PROBE_FENCED").pipe(Config.withDefault(false))
  const hold = Duration.millis(yield* Config.integer("PROBE_HIT_HOLD_MS").pipe(Config.withDefault(0)))
  const lease = yield* ClusterLease.Lease
  yield* sql`CREATE TABLE IF NOT EXISTS probe_effects (
    message_id text PRIMARY KEY, pod text NOT NULL, attempts int NOT NULL DEFAULT 1, at timestamptz NOT NULL DEFAULT now())`
  yield* sql`CREATE TABLE IF NOT EXISTS probe_runs (
    entity text NOT NULL, message_id text NOT NULL, pod text NOT NULL, started timestamptz NOT NULL, ended timestamptz NOT NULL)`
  return ProbeEntity.of({
    /** Persisted: records one side effect per message id, deduplicated by the primary key. */
    Hit: (request) => !fenced
      ? sql`INSERT INTO probe_effects (message_id, pod) VALUES (${request.payload.messageId}, ${pod})
        ON CONFLICT (message_id) DO UPDATE SET attempts = probe_effects.attempts + 1`.pipe(Effect.as({ pod, shard }), Effect.orDie)
      : Effect.gen(function*() {
        const started = yield* Clock.currentTimeMillis
        yield* Effect.sleep(hold)
        yield* ClusterFence.write(address.shardId, sql`WITH run AS (
          INSERT INTO probe_runs (entity, message_id, pod, started, ended)
          VALUES (${address.entityId}, ${request.payload.messageId}, ${pod}, to_timestamp(${started / 1000}), clock_timestamp()))
          INSERT INTO probe_effects (message_id, pod) VALUES (${request.payload.messageId}, ${pod})
          ON CONFLICT (message_id) DO UPDATE SET attempts = probe_effects.attempts + 1`)
        return { pod, shard }
      }).pipe(Effect.provideService(ClusterLease.Lease, lease), Effect.orDie),
    /** Volatile: says where the entity lives and when the handler started (epoch ms). */
    Where: () => Clock.currentTimeMillis.pipe(Effect.map((startedAt) => ({ pod, shard, startedAt })))
  })
}).pipe(Effect.orDie)
