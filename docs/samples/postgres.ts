/**
 * A vitest file with a real PostgreSQL database of its own, shown in docs/runtime.md ("PostgreSQL").
 * Compiled only: vitest runs test/**\/*.test.ts, so this sample is never collected as a test.
 */
// #region test
import { layer } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import { Postgres } from "effect-contracts/Postgres"

// A real database for this file: live clock, dropped afterwards.
layer(Postgres.layerClient, { excludeTestServices: true })("orders", (it) => {
  it.effect("stores an order", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE orders (id text PRIMARY KEY)`
    }))
})
// #endregion
