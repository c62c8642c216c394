/**
 * Typed domain events across the cluster (EVNT-01/02/04). `publisher` writes events to an outbox in the
 * caller's SQL transaction, so they are delivered only if it commits; a relay singleton (woken by the
 * commit) turns each into one persisted message per subscription, delivered to the subscription's
 * handler on whichever pod owns it. A delivery's primary key (`<subscription>/<event id>`) makes a
 * redelivery a storage `Duplicate`; a handler that acknowledges inside its side effect's transaction
 * (`delivery.acknowledge`) never repeats it, even when its pod dies right after the commit.
 */
import type * as Sharding from "@effect/cluster/Sharding"
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { Trace } from "../observability/Trace.js"
import { EventsEntity } from "./Entity.js"
import { EventsRegistry } from "./Registry.js"
import { EventsRelay } from "./Relay.js"
import { EventsStore } from "./Store.js"

type _Tagged = { readonly _tag: string; readonly payload: unknown }

/**
 * The `publish` of one contract: one event or many, validated and encoded (a bad event fails with a
 * ParseError and nothing is written), appended to the outbox in the current transaction. Call it inside
 * `sql.withTransaction` with the writes the events describe; outside one, each call commits by itself.
 */
const publisher = <A extends _Tagged, I>(options: {
  readonly contract: string
  readonly schema: Schema.Schema<A, I>
  readonly key: (event: A) => string
}): (events: A | ReadonlyArray<A>) => Effect.Effect<void, ParseResult.ParseError | SqlError.SqlError, SqlClient.SqlClient> => {
  const encode = Schema.encode(Schema.parseJson(options.schema))
  const row = (event: A) =>
    Effect.map(encode(event), (json) => ({ event_id: options.key(event), contract: options.contract, tag: event._tag, event: json }))
  return (events) =>
    Effect.gen(function*() {
      const list: ReadonlyArray<A> = Array.isArray(events) ? events : [events as A]
      const rows = yield* Effect.forEach(list, row)
      const sql = yield* SqlClient.SqlClient
      // The relay continues this span's trace from the rows (`Trace`): a publish → delivery hop has no envelope.
      const parent = yield* Trace.current
      yield* rows.length === 0 ? Effect.void : EventsStore.append(sql, rows.map((r) => ({ ...r, ...parent })))
    }).pipe(Effect.withSpan("Events.publish", { kind: "producer", attributes: { "events.contract": options.contract }, captureStackTrace: false }))
}

/**
 * A subscription: `handle` receives every event of `events` published by `contract`, once per event id,
 * on any pod. Run `delivery.acknowledge` inside the transaction of a database side effect to make it
 * exactly-once; a failure is retried with backoff and then dead-lettered (`Events.deadLetters`). Needs
 * `Events.layer` (for its registry).
 */
const subscription = <A, I, E, R>(options: {
  readonly name: string
  readonly contract: string
  readonly events: ReadonlyArray<string>
  readonly schema: Schema.Schema<A, I>
  readonly handle: (event: A, delivery: Events.Delivery) => Effect.Effect<void, E, R>
}): Layer.Layer<never, never, Events.Registry | Exclude<R, Scope.Scope>> =>
  Layer.scopedDiscard(Effect.gen(function*() {
    const registry = yield* EventsRegistry.Registry
    const context = yield* Effect.context<Exclude<R, Scope.Scope>>()
    const decode = Schema.decodeUnknown(Schema.parseJson(options.schema))
    yield* registry.add({
      name: options.name,
      contract: options.contract,
      events: options.events,
      run: (event, delivery) =>
        decode(event).pipe(
          Effect.mapError((cause) => new EventsRegistry.Undecodable({ subscription: options.name, cause })),
          Effect.flatMap((decoded) => options.handle(decoded, delivery)),
          Effect.provide(context)
        ) as Effect.Effect<void, unknown>
    })
  }))

/**
 * The events runtime of a pod: its subscription registry, the subscriber entity and the outbox relay
 * singleton; creates the outbox, subscription and dead-letter tables on start. Provide it below the
 * subscription layers (`Layer.provideMerge(Events.layer)`).
 */
const layer: Layer.Layer<Events.Registry, never, Sharding.Sharding | SqlClient.SqlClient> = Layer.mergeAll(
  EventsEntity.layer,
  EventsRelay.layer
).pipe(
  Layer.provideMerge(EventsRegistry.layer),
  Layer.provide(Layer.effectDiscard(Effect.flatMap(SqlClient.SqlClient, EventsStore.migrate))),
  Layer.orDie
)

/** Deliveries that failed every retry (or no longer decode), oldest first. */
const deadLetters = Effect.flatMap(SqlClient.SqlClient, EventsStore.deadLetters)

/**
 * Deliver a dead letter again (after fixing its handler): to its subscription only, with fresh retries.
 * It leaves the dead-letter list; if it fails again it comes back under a new id. False when no such id.
 */
const replay = (id: string): Effect.Effect<boolean, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => EventsStore.replay(sql, id))

export const Events = {
  publisher,
  subscription,
  layer,
  deadLetters,
  replay,
  Registry: EventsRegistry.Registry,
  /** The relay's safety sweep intervals (it is woken by commits on PostgreSQL). */
  sweep: EventsRelay.sweep
} as const

export declare namespace Events {
  /** The registry of a pod's subscriptions, provided by `Events.layer`. */
  type Registry = EventsRegistry.Registry
  /** Which event a handler is receiving, and the attempt on this pod (1 for the first). */
  type Delivery = EventsRegistry.Delivery
  /** A dead-lettered delivery. */
  type DeadLetter = EventsStore.DeadLetter
}
