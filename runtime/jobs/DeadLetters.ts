/**
 * Internal to `Jobs`: the dead-letter table `ec_job_dead_letters` (one row per job type and job id) that
 * poison jobs are written to once their retries are spent, and the query that lists them. Portable SQL
 * (PostgreSQL and SQLite); the table is created on first use. Never deletes or replays anything.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Migrations } from "../postgres/Migrations.js"
import * as Schedule from "effect/Schedule"

/** One dead-lettered job, as listed. */
interface _DeadLetter {
  /** The job type, e.g. `notifications.SendDigest`. */
  readonly job: string
  /** The job id (what `enqueue` returned). */
  readonly id: string
  /** The payload, encoded (JSON). */
  readonly payload: unknown
  /** Handler runs in the delivery that gave up. */
  readonly attempts: number
  /** The last failure, pretty-printed. */
  readonly error: string
  /** When it was dead-lettered (the database's clock, as text). */
  readonly at: string
}

/** Create the table if missing, on the first dead letter (pods doing so at once serialize on an advisory lock). */
const _ensure = (sql: SqlClient.SqlClient) =>
  Migrations.ddl(sql, 0x4543444c, [
    `CREATE TABLE IF NOT EXISTS ec_job_dead_letters (
      job text NOT NULL,
      job_id text NOT NULL,
      payload text NOT NULL,
      attempts integer NOT NULL,
      error text NOT NULL,
      at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
      PRIMARY KEY (job, job_id))`
  ])

/**
 * Record a dead letter where a `SqlClient` is available (every durable cluster has one); without one (the
 * in-memory cluster) it is only logged. A failed write dies, so the message is retried rather than lost.
 */
const record = (letter: Omit<_DeadLetter, "at">): Effect.Effect<void> =>
  Effect.serviceOption(SqlClient.SqlClient).pipe(
    Effect.flatMap(Option.match({
      onNone: () => Effect.void,
      onSome: (sql) =>
        _ensure(sql).pipe(
          Effect.zipRight(sql`INSERT INTO ec_job_dead_letters (job, job_id, payload, attempts, error)
            VALUES (${letter.job}, ${letter.id}, ${JSON.stringify(letter.payload) ?? "null"}, ${letter.attempts}, ${letter.error})
            ON CONFLICT (job, job_id) DO UPDATE SET attempts = excluded.attempts, error = excluded.error,
              at = CURRENT_TIMESTAMP`),
          Effect.retry({ times: 5, schedule: Schedule.exponential("100 millis") }),
          Effect.orDie
        )
    })),
    Effect.zipRight(Effect.logError(`job ${letter.job} ${letter.id} dead-lettered after ${letter.attempts} attempt(s)`).pipe(
      Effect.annotateLogs({ error: letter.error.slice(0, 2000) })
    ))
  )

interface _Row {
  readonly job: string
  readonly job_id: string
  readonly payload: string
  readonly attempts: number | string
  readonly error: string
  readonly at: string
}

/** Dead letters, oldest first; of one job type when `job` is given. */
const list = (job?: string): Effect.Effect<ReadonlyArray<_DeadLetter>, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    _ensure(sql).pipe(
      Effect.zipRight(sql<_Row>`SELECT job, job_id, payload, attempts, error, CAST(at AS text) AS at
        FROM ec_job_dead_letters ${job === undefined ? sql`` : sql`WHERE job = ${job}`} ORDER BY at, job, job_id`),
      Effect.map((rows) =>
        rows.map((r): _DeadLetter => ({
          job: r.job,
          id: r.job_id,
          payload: JSON.parse(r.payload) as unknown,
          attempts: Number(r.attempts),
          error: r.error,
          at: r.at
        }))
      )
    ))

export const JobsDeadLetters = { record, list } as const

export declare namespace JobsDeadLetters {
  /** One dead-lettered job, as listed. */
  type DeadLetter = _DeadLetter
}
