// Handler stub created by effect-contracts from test/cluster/app/contracts/probe.contract.ts. Yours to edit: codegen never overwrites it.
import * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"

/**
 * Every second: records the tick, so tests see duplicates, misses and lateness.
 * Schedule `Tick`: runs on `* * * * * *`, once per tick across the cluster.
 */
export const TickSchedule = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const pod = yield* Config.string("POD_NAME").pipe(Config.withDefault("pod"))
  yield* sql`CREATE TABLE IF NOT EXISTS probe_ticks (pod text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`
  yield* sql`INSERT INTO probe_ticks (pod) VALUES (${pod})`
}).pipe(Effect.orDie)
