// Handler stub created by effect-contracts from test/runtime/cluster/app/contracts/probe.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/**
 * Every second: records the tick, so tests see duplicates, misses and lateness.
 * Schedule `Tick`: runs on `* * * * * *`, once per tick across the cluster. Each tick of a `ClusterCron`
 * is its own entity, whose id is the tick's scheduled time: recorded beside the time it actually ran.
 */
export const TickSchedule = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const pod = yield* Config.string("POD_NAME").pipe(Config.withDefault("pod"))
  const address = yield* Effect.serviceOption(Entity.CurrentAddress)
  const scheduled = Option.match(address, { onNone: () => null, onSome: (a) => a.entityId })
  yield* sql`CREATE TABLE IF NOT EXISTS probe_ticks (
    pod text NOT NULL, scheduled timestamptz, at timestamptz NOT NULL DEFAULT clock_timestamp())`
  yield* sql`INSERT INTO probe_ticks (pod, scheduled) VALUES (${pod}, ${scheduled})`
}).pipe(Effect.orDie)
