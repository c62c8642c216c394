// Handler stub created by effect-contracts from test/runtime/cluster/app/contracts/probe.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import { ProbeEntity } from "../../../generated/probe/entities/Probe.js"

/**
 * Handlers of entity `Probe`. A `Hit`'s side effect is one row keyed by the message's primary key, so a
 * redelivery after a crash (the handler ran, the pod died before the reply was stored) bumps `attempts`
 * instead of repeating the effect: delivery is at-least-once, effects are exactly-once.
 */
export const ProbeHandlers = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const pod = yield* Config.string("POD_NAME").pipe(Config.withDefault("pod"))
  const address = yield* Entity.CurrentAddress
  const shard = address.shardId.toString()
  yield* sql`CREATE TABLE IF NOT EXISTS probe_effects (
    message_id text PRIMARY KEY, pod text NOT NULL, attempts int NOT NULL DEFAULT 1, at timestamptz NOT NULL DEFAULT now())`
  return ProbeEntity.of({
    /** Persisted: records one side effect per message id, deduplicated by the primary key. */
    Hit: (request) =>
      sql`INSERT INTO probe_effects (message_id, pod) VALUES (${request.payload.messageId}, ${pod})
        ON CONFLICT (message_id) DO UPDATE SET attempts = probe_effects.attempts + 1`.pipe(
        Effect.as({ pod, shard }),
        Effect.orDie
      ),
    /** Volatile: says where the entity lives and when the handler started (epoch ms). */
    Where: () => Clock.currentTimeMillis.pipe(Effect.map((startedAt) => ({ pod, shard, startedAt })))
  })
}).pipe(Effect.orDie)
