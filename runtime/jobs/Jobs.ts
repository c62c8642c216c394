/**
 * Background jobs as persisted entity messages: `Jobs.make` defines a job type, `enqueue` stores a `Run`
 * message for a `Job/<name>` entity and cluster messaging starts it on whichever pod owns the entity's
 * shard. No queue table and no polling of its own; storage, routing and fail-over are @effect/cluster's.
 */
import type * as ClusterError from "@effect/cluster/ClusterError"
import type * as _Entity from "@effect/cluster/Entity"
import * as Sharding from "@effect/cluster/Sharding"
import type * as Rpc from "@effect/rpc/Rpc"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { JobsDeadLetters } from "./DeadLetters.js"
import { JobsEntity } from "./Entity.js"
import { EntityClient } from "../cluster/EntityClient.js"

/** Defaults: 16 partitions (entities) per job type, one job at a time in each, 3 retries of a dying job. */
const defaults = { partitions: 16, concurrency: 1, retryTimes: 3 } as const

/**
 * A job type. Jobs of it are `Run` messages to the entities `Job/<name>` `p0` … `p<partitions - 1>`,
 * chosen by a hash of the job id; the job id is the message's primary key, so enqueueing an id again is
 * a storage `Duplicate`, never a second run.
 */
const make = <P extends Schema.Schema.AnyNoContext, S extends Schema.Schema.AnyNoContext, E extends Schema.Schema.All>(
  options: Jobs.Options<P, S, E>
): Jobs.Job<P, S, E> => {
  const entity = JobsEntity.entity(options.name, {
    payload: options.payload,
    success: options.success,
    error: options.error as unknown as Schema.Schema<unknown, unknown>
  })
  type _Typed<X> = Effect.Effect<X, E["Type"] | Jobs.DeadLettered | ParseResult.ParseError | Jobs.SendError, Sharding.Sharding>
  const partitions = options.partitions ?? defaults.partitions
  const encode = Schema.encode(options.payload)
  const made = EntityClient.make(entity)
  /** One client per cluster (a process has one; tests build several), made on first use. */
  const cache = new WeakMap<Sharding.Sharding["Type"], Effect.Effect.Success<typeof made>>()
  const send = Effect.fnUntraced(function*(payload: P["Type"], id: string | undefined) {
    yield* encode(payload)
    const sharding = yield* Sharding.Sharding
    const jobId = id ?? String(yield* sharding.getSnowflake)
    const clients = cache.get(sharding) ?? (yield* Effect.tap(made, (c) => Effect.sync(() => cache.set(sharding, c))))
    return { jobId, client: clients(JobsEntity.partition(jobId, partitions)) }
  })
  return {
    name: options.name,
    entity: entity as unknown as Jobs.Entity<P, S, E>,
    enqueue: (payload, enqueueOptions) =>
      send(payload, enqueueOptions?.id).pipe(
        Effect.flatMap(({ client, jobId }) => Effect.as(client.Run({ id: jobId, payload }, { discard: true }), jobId)),
        Effect.withSpan("Jobs.enqueue", { attributes: { job: options.name }, captureStackTrace: false })
      ),
    run: (payload, runOptions) =>
      send(payload, runOptions?.id).pipe(
        Effect.flatMap(({ client, jobId }) => client.Run({ id: jobId, payload })),
        Effect.withSpan("Jobs.run", { attributes: { job: options.name }, captureStackTrace: false })
      ) as _Typed<S["Type"]>,
    toLayer: (handler) =>
      JobsEntity.layer(entity, {
        name: options.name,
        payload: options.payload,
        times: options.retry?.times ?? defaults.retryTimes,
        keepAlive: options.keepAlive ?? false,
        concurrency: options.concurrency ?? defaults.concurrency,
        mailboxCapacity: options.mailboxCapacity,
        maxIdleTime: options.maxIdleTime
      }, handler)
  }
}

/** Dead-lettered jobs (`ec_job_dead_letters`), oldest first; of one job type when `job` names it. */
const deadLetters = (job?: string): Effect.Effect<ReadonlyArray<Jobs.DeadLetter>, SqlError.SqlError, SqlClient.SqlClient> =>
  JobsDeadLetters.list(job)

export const Jobs = { make, deadLetters, defaults, DeadLettered: JobsEntity.DeadLettered } as const

export declare namespace Jobs {
  /** What a handler knows about the job it runs: its id and which attempt this is (1 first). */
  interface Context {
    readonly id: string
    readonly attempt: number
  }

  /** A job whose handler kept dying: its retries are spent and it was dead-lettered. */
  type DeadLettered = JobsEntity.DeadLettered

  /** A dead-lettered job, as `Jobs.deadLetters` lists it. */
  type DeadLetter = JobsDeadLetters.DeadLetter

  /** Why a job could not be handed to the cluster (or, for `run`, no reply came in time). */
  type SendError =
    | ClusterError.MailboxFull
    | ClusterError.AlreadyProcessingMessage
    | ClusterError.PersistenceError
    | EntityClient.SendTimeout

  /** A job type's entity: one persisted RPC `Run` with `{ id, payload }`, its primary key the job id. */
  type Entity<P extends Schema.Schema.AnyNoContext, S extends Schema.Schema.AnyNoContext, E extends Schema.Schema.All> =
    _Entity.Entity<string, Rpc.Rpc<"Run", Schema.Struct<{ id: typeof Schema.String; payload: P }>, S, Schema.Union<[E, typeof JobsEntity.DeadLettered]>>>

  interface Options<P extends Schema.Schema.AnyNoContext, S extends Schema.Schema.AnyNoContext, E extends Schema.Schema.All> {
    /** `<contract>.<Job>`, e.g. `notifications.SendDigest`; the entity type is `Job/<name>`. */
    readonly name: string
    readonly payload: P
    /** `Schema.Void` when the contract gives none. */
    readonly success: S
    /** `Schema.Never` when the contract gives none. A typed error is an outcome: it is never retried. */
    readonly error: E
    /** Jobs running at once in each partition (default 1); a job type runs at most partitions × this. */
    readonly concurrency?: number | "unbounded"
    /** Jobs each partition holds in memory (running or waiting); the rest wait in storage. */
    readonly mailboxCapacity?: number | "unbounded"
    /** Long batch jobs: keep the partition's entity alive (`Entity.keepAlive`) while one runs. */
    readonly keepAlive?: boolean
    /** Retries of a job whose handler dies (default 3), with backoff; then it is dead-lettered. */
    readonly retry?: { readonly times: number }
    /** Entities per job type (default 16): how far a job type spreads over shards and pods. */
    readonly partitions?: number
    /** How long an idle partition entity stays in memory (the cluster's default when unset). */
    readonly maxIdleTime?: Duration.DurationInput
  }

  interface Job<P extends Schema.Schema.AnyNoContext, S extends Schema.Schema.AnyNoContext, E extends Schema.Schema.All> {
    readonly name: string
    /** The `Job/<name>` entity (for tests, metrics and `Entity.makeTestClient`). */
    readonly entity: Entity<P, S, E>
    /**
     * Store the job and return its id (`options.id`, else a fresh snowflake) as soon as it is stored; a
     * payload that does not encode fails with a ParseError and nothing is stored.
     */
    readonly enqueue: (
      payload: P["Type"],
      options?: { readonly id?: string }
    ) => Effect.Effect<string, ParseResult.ParseError | SendError, Sharding.Sharding>
    /**
     * Enqueue and wait for the result: the handler's success or typed error, or `JobDeadLettered`. Waits at
     * most the cluster's send timeout (`CLUSTER_SEND_TIMEOUT`, 30 s): then `SendTimeout`, the job still runs.
     */
    readonly run: (
      payload: P["Type"],
      options?: { readonly id?: string }
    ) => Effect.Effect<S["Type"], E["Type"] | DeadLettered | ParseResult.ParseError | SendError, Sharding.Sharding>
    /**
     * The layer that runs this job type's handler on every pod that includes it. Delivery is at least once
     * (a job running on a pod that dies, or on a shard that moves, runs again): make side effects
     * idempotent on `job.id`. A typed error is the job's result; a defect is retried, then dead-lettered.
     */
    readonly toLayer: <R>(
      handler: (payload: P["Type"], job: Context) => Effect.Effect<S["Type"], E["Type"], R>
    ) => Layer.Layer<never, never, Sharding.Sharding | Exclude<R, Scope.Scope>>
  }
}
