/**
 * Internal to `Jobs`: a job type's entity (`Job/<name>`, one persisted `Run` message whose primary key is
 * the job id), the partition (entity id) a job id lands on, and the handler that retries a dying job with
 * backoff, then dead-letters it. Delivery, storage and fail-over stay @effect/cluster's.
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as Entity from "@effect/cluster/Entity"
import type * as Sharding from "@effect/cluster/Sharding"
import * as Rpc from "@effect/rpc/Rpc"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { Instruments } from "../observability/Instruments.js"
import { JobsDeadLetters } from "./DeadLetters.js"

/** A job whose handler kept dying: its retries are spent and it is in the dead-letter table. */
class _DeadLettered extends Schema.TaggedError<_DeadLettered>()("JobDeadLettered", {
  job: Schema.String,
  id: Schema.String,
  attempts: Schema.Number,
  error: Schema.String
}) {
  override get message(): string {
    return `job ${this.job} ${this.id} dead-lettered after ${this.attempts} attempt(s)`
  }
}

/** Schemas with their types erased: the entity is built once per job type and typed at the `Jobs` boundary. */
type _Erased = Schema.Schema<unknown, unknown>

/** The job type's entity: `Job/<name>` with one persisted RPC, `Run`, deduplicated by job id. */
const entity = (name: string, schemas: { readonly payload: _Erased; readonly success: _Erased; readonly error: _Erased }) =>
  Entity.make(`Job/${name}`, [
    Rpc.make("Run", {
      payload: { id: Schema.String, payload: schemas.payload },
      success: schemas.success,
      error: Schema.Union(schemas.error, _DeadLettered),
      primaryKey: (p) => p.id
    }).annotate(ClusterSchema.Persisted, true)
  ])

type _Entity = ReturnType<typeof entity>

/**
 * The entity id of a job: `p<n>`, n = FNV-1a(job id) mod `partitions`. Jobs of one type spread over that
 * many entities (so over shards and pods); each entity runs `concurrency` of them at a time.
 */
const partition = (id: string, partitions: number): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  }
  return `p${(h >>> 0) % partitions}`
}

/** Between attempts of a dying job: 200 ms doubling, jittered, at most 10 s. */
const _backoff = Schedule.exponential("200 millis").pipe(
  Schedule.jittered,
  Schedule.modifyDelay((d) => Duration.min(d, Duration.seconds(10)))
)

type _Outcome<E> = { readonly _tag: "Failed"; readonly error: E } | { readonly _tag: "Died"; readonly cause: Cause.Cause<unknown> }

interface _Settings<P extends Schema.Schema.AnyNoContext> {
  readonly name: string
  readonly payload: P
  readonly times: number
  readonly keepAlive: boolean
  readonly concurrency: number | "unbounded"
  readonly mailboxCapacity: number | "unbounded" | undefined
  readonly maxIdleTime: Duration.DurationInput | undefined
}

/**
 * Run the handler once, and again on a defect (never on a typed error, the contract's declared outcome;
 * never on interruption, which a shutting-down entity redelivers later) up to `times` more times; then
 * record the dead letter and reply with `JobDeadLettered`, so the mailbox moves on.
 */
const _attempts = <P extends Schema.Schema.AnyNoContext, A, E, R>(
  settings: _Settings<P>,
  id: string,
  payload: P["Type"],
  run: (payload: P["Type"], job: { readonly id: string; readonly attempt: number }) => Effect.Effect<A, E, R>
) =>
  Effect.gen(function*() {
    const attempts = yield* Ref.make(0)
    const once = Ref.updateAndGet(attempts, (n) => n + 1).pipe(
      Effect.flatMap((attempt) => run(payload, { id, attempt })),
      Effect.catchAllCause((cause): Effect.Effect<never, _Outcome<E>> =>
        Cause.isInterrupted(cause)
          ? Effect.interrupt
          : Option.match(Cause.failureOption(cause), {
            onSome: (error) => Effect.fail({ _tag: "Failed", error }),
            onNone: () => Effect.fail({ _tag: "Died", cause })
          })
      )
    )
    return yield* once.pipe(
      Effect.retry({ while: (o) => o._tag === "Died", times: settings.times, schedule: _backoff }),
      Effect.catchAll((o): Effect.Effect<never, E | _DeadLettered> =>
        o._tag === "Failed" ? Effect.fail(o.error) : _deadLetter(settings, id, payload, attempts, o.cause)
      )
    )
  })

const _job = Instruments.labels("job")

const _deadLetter = <P extends Schema.Schema.AnyNoContext>(
  settings: _Settings<P>,
  id: string,
  payload: P["Type"],
  attempts: Ref.Ref<number>,
  cause: Cause.Cause<unknown>
) =>
  Effect.gen(function*() {
    const n = yield* Ref.get(attempts)
    const encoded = yield* Schema.encodeUnknown(settings.payload)(payload).pipe(Effect.orElseSucceed(() => null))
    const error = Cause.pretty(cause)
    yield* JobsDeadLetters.record({ job: settings.name, id, payload: encoded, attempts: n, error })
    Instruments.jobs.deadLettered.unsafeUpdate(1, _job(settings.name))
    return yield* new _DeadLettered({ job: settings.name, id, attempts: n, error: error.split("\n")[0] ?? "" })
  })

/**
 * The layer running a job type's handler. While a `keepAlive` job runs, its entity is kept alive
 * (`Entity.keepAlive`, counted per entity so concurrent jobs do not switch it off under each other).
 */
const layer = <P extends Schema.Schema.AnyNoContext, A, E, R>(
  job: _Entity,
  settings: _Settings<P>,
  run: (payload: P["Type"], job: { readonly id: string; readonly attempt: number }) => Effect.Effect<A, E, R>
): Layer.Layer<never, never, Sharding.Sharding | Exclude<R, Scope.Scope>> =>
  job.toLayer(
    Effect.gen(function*() {
      const context = yield* Effect.context<Sharding.Sharding | Entity.CurrentAddress>()
      const running = yield* Ref.make(0)
      const keepAlive = (on: boolean) => Entity.keepAlive(on).pipe(Effect.provide(context))
      const kept = <A, X, Y>(effect: Effect.Effect<A, X, Y>): Effect.Effect<A, X, Y> =>
        settings.keepAlive
          ? Effect.acquireUseRelease(
            Ref.getAndUpdate(running, (n) => n + 1).pipe(Effect.tap((n) => n === 0 ? keepAlive(true) : Effect.void)),
            () => effect,
            () => Ref.updateAndGet(running, (n) => n - 1).pipe(Effect.tap((n) => n === 0 ? keepAlive(false) : Effect.void))
          )
          : effect
      return job.of({
        // The handler's own requirements (R) come from the entity's context: the layer requires them.
        Run: (request) => kept(_attempts(settings, request.payload.id, request.payload.payload, run))
      })
    }),
    {
      concurrency: settings.concurrency,
      ...(settings.mailboxCapacity === undefined ? {} : { mailboxCapacity: settings.mailboxCapacity }),
      ...(settings.maxIdleTime === undefined ? {} : { maxIdleTime: settings.maxIdleTime })
    }
  ) as Layer.Layer<never, never, Sharding.Sharding | Exclude<R, Scope.Scope>>

export const JobsEntity = { entity, partition, layer, DeadLettered: _DeadLettered } as const

export declare namespace JobsEntity {
  type DeadLettered = _DeadLettered
  type Settings<P extends Schema.Schema.AnyNoContext> = _Settings<P>
  type Entity = _Entity
}
