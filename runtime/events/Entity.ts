/**
 * The subscriber entity: every delivery of an event to a subscription is one persisted message, whose
 * primary key `<subscription>/<event id>` makes a second delivery of the same event a storage
 * `Duplicate` (a publisher retry, a relay resend). A handler may acknowledge its delivery inside the
 * SQL transaction of its side effect (`delivery.acknowledge`), so that both commit together. Failures
 * are retried with backoff, then dead-lettered: a poison event never blocks its partition.
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as Entity from "@effect/cluster/Entity"
import * as Rpc from "@effect/rpc/Rpc"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Hash from "effect/Hash"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Instruments } from "../observability/Instruments.js"
import { EventsRegistry } from "./Registry.js"
import { EventsStore } from "./Store.js"

const Deliver = Rpc.make("Deliver", {
  payload: { subscription: Schema.String, eventId: Schema.String, event: Schema.String, replay: Schema.optional(Schema.String) },
  primaryKey: (p) => `${p.subscription}/${p.eventId}${p.replay === undefined ? "" : `#${p.replay}`}`
}).annotate(ClusterSchema.Persisted, true)

/** One entity per (subscription, partition); a partition handles its events one at a time, in order. */
const entity = Entity.make("effect-contracts/EventSubscriber", [Deliver])

/** Partitions per subscription: events with the same key share one and keep their order. */
const partitions = 16

/**
 * The entity id of an event's delivery. An event id is `<contract>.<Event>/<key>`: every event of one key
 * (an order's placed, then cancelled) lands in the same partition.
 */
const entityId = (subscription: string, eventId: string): string => {
  const slash = eventId.indexOf("/")
  const key = slash < 0 ? eventId : eventId.slice(slash + 1)
  return `${subscription}#${Math.abs(Hash.string(key)) % partitions}`
}

/** Retries before a failing delivery is dead-lettered: ≈ 0.2 + 0.4 + 0.8 + 1.6 + 3.2 s with jitter. */
const _retry = Schedule.exponential("200 millis").pipe(Schedule.jittered, Schedule.intersect(Schedule.recurs(5)))

const _undecodable = (cause: Cause.Cause<unknown>) =>
  Option.exists(Cause.failureOption(cause), (e) => e instanceof EventsRegistry.Undecodable)

const _describe = (cause: Cause.Cause<unknown>) => Cause.pretty(cause).slice(0, 4000)

const _subscription = Instruments.labels("subscription")

/** The entity's handlers on this pod. Needs the registry of this pod's subscriptions and the app's SqlClient. */
const layer = entity.toLayer(
  Effect.gen(function*() {
    const registry = yield* EventsRegistry.Registry
    const sql = yield* SqlClient.SqlClient
    const ackable = yield* EventsStore.hasMessageTable(sql)
    const ack = (requestId: string) => ackable ? EventsStore.acknowledge(sql, requestId) : Effect.void

    const deadLetter = (p: typeof Deliver.payloadSchema.Type, requestId: string, cause: Cause.Cause<unknown>) =>
      sql.withTransaction(Effect.zipRight(
        EventsStore.deadLetter(sql, { subscription: p.subscription, event_id: p.eventId, event: p.event, error: _describe(cause) }),
        ack(requestId)
      )).pipe(
        Effect.zipRight(Effect.sync(() => Instruments.events.deadLettered.unsafeUpdate(1, _subscription(p.subscription)))),
        Effect.zipRight(Effect.logWarning(`events: ${p.subscription} dead-lettered ${p.eventId}`, cause)),
        Effect.orDie
      )

    return {
      Deliver: (request) =>
        Effect.gen(function*() {
          const p = request.payload
          const requestId = String(request.requestId)
          const attempts = yield* Ref.make(0)
          const once = Effect.gen(function*() {
            const subscription = yield* registry.get(p.subscription)
            const attempt = yield* Ref.updateAndGet(attempts, (n) => n + 1)
            yield* subscription.run(p.event, { eventId: p.eventId, attempt, acknowledge: ack(requestId) }).pipe(
              Effect.withSpan("Events.handle", {
                kind: "consumer",
                attributes: { "events.subscription": p.subscription, "events.event_id": p.eventId, "events.attempt": attempt },
                captureStackTrace: false
              })
            )
          })
          yield* once.pipe(
            Effect.sandbox,
            Effect.retry({
              schedule: _retry,
              while: (cause) => !Cause.isInterruptedOnly(cause) && !_undecodable(cause)
            }),
            Effect.catchAll((cause) => Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : deadLetter(p, requestId, cause)),
            Effect.orDie
          )
        })
    }
  }),
  { concurrency: 1, mailboxCapacity: "unbounded" }
)

export const EventsEntity = { entity, Deliver, entityId, partitions, layer } as const
