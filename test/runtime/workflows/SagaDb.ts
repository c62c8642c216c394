/**
 * A fresh PostgreSQL database for one workflow test file, with the saga app's tables created up front, the
 * gates the test opens and what the app logged: every step start, completion and compensation.
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Saga } from "./app/Saga.js"

/** One row of `saga_log`; `at` in epoch ms (PostgreSQL's clock). Step 0 is the approval. */
export interface SagaRow {
  readonly step: number
  readonly kind: "start" | "done" | "undo" | "approved"
  readonly pod: string
  readonly detail: string | null
  readonly at: number
}

const make = Effect.gen(function*() {
  const { url } = yield* Postgres.database("saga")
  const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(url) }))
  const run = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
    SqlClient.SqlClient.pipe(Effect.flatMap(f), Effect.provide(context), Effect.orDie)
  yield* run((sql) => Effect.forEach(Saga.tables, (ddl) => sql.unsafe(ddl), { discard: true }))
  return {
    url,
    /** Everything run `runId` logged, in order. */
    log: (runId: string) =>
      run((sql) =>
        sql<{ step: number; kind: SagaRow["kind"]; pod: string; detail: string | null; at: string }>`
          SELECT step, kind, pod, detail, (extract(epoch from at) * 1000)::bigint AS at
          FROM saga_log WHERE run_id = ${runId} ORDER BY seq`
      ).pipe(Effect.map((rows) => rows.map((r): SagaRow => ({ ...r, at: Number(r.at) })))),
    /** Lets run `runId` past its held step. */
    open: (runId: string, step: number) =>
      run((sql) => sql`INSERT INTO saga_gates (run_id, step) VALUES (${runId}, ${step}) ON CONFLICT DO NOTHING`)
  }
})

export const SagaDb = { make } as const

export declare namespace SagaDb {
  type Db = Effect.Effect.Success<typeof make>
}

/** `kind:step` of each row, e.g. `["start:1", "done:1", "undo:1"]`: the shape tests compare. */
export const trace = (rows: ReadonlyArray<SagaRow>) => rows.map((r) => `${r.kind}:${r.step}`)
