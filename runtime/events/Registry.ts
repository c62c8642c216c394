/**
 * The subscriptions of this pod: their handlers, with the context they were registered in. Each one is
 * also recorded in `ec_event_subscriptions`, so the relay (whichever pod runs it, whatever code that pod
 * has) fans events out to every subscription the cluster ever registered.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { EventsStore } from "./Store.js"

/** Where a delivery stands: the event's id and the attempt (1 for the first) on this pod. */
interface _Delivery {
  readonly eventId: string
  readonly attempt: number
  /**
   * Mark this delivery processed. Run it inside the SQL transaction that makes the handler's side effect
   * (`sql.withTransaction(Effect.zipRight(write, delivery.acknowledge))`): both commit together, so a pod
   * killed after that commit never has the event run again. Without it the delivery is acknowledged when
   * the handler returns (at-least-once across a crash). A no-op when the cluster keeps messages in memory.
   */
  readonly acknowledge: Effect.Effect<void, SqlError.SqlError>
}

/** A stored event no longer decodes with the subscriber's schema (version skew): it is dead-lettered at once. */
class Undecodable extends Data.TaggedError("Undecodable")<{ readonly subscription: string; readonly cause: unknown }> {}

/** A registered subscription: `run` decodes the encoded event and calls the handler in its own context. */
interface Registered {
  readonly name: string
  readonly contract: string
  readonly events: ReadonlyArray<string>
  readonly run: (event: string, delivery: _Delivery) => Effect.Effect<void, unknown>
}

/** No handler for this subscription on this pod (yet): it is starting, or runs older code. */
class Unregistered extends Data.TaggedError("Unregistered")<{ readonly subscription: string }> {
  override get message(): string {
    return `no handler for subscription ${this.subscription} on this pod`
  }
}

class _Registry extends Context.Tag("effect-contracts/Events/Registry")<_Registry, {
  readonly add: (subscription: Registered) => Effect.Effect<void>
  /** The handler, waiting for it while the pod starts (up to ~30 s). */
  readonly get: (name: string) => Effect.Effect<Registered, Unregistered>
}>() {}

const layer: Layer.Layer<_Registry, never, SqlClient.SqlClient> = Layer.effect(
  _Registry,
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const handlers = new Map<string, Registered>()
    const lookup = (name: string) =>
      Option.match(Option.fromNullable(handlers.get(name)), {
        onNone: () => Effect.fail(new Unregistered({ subscription: name })),
        onSome: Effect.succeed
      })
    return {
      add: (subscription) =>
        Effect.sync(() => handlers.set(subscription.name, subscription)).pipe(
          Effect.zipRight(EventsStore.register(
            sql,
            subscription.events.map((tag) => ({ name: subscription.name, contract: subscription.contract, tag }))
          )),
          Effect.orDie
        ),
      get: (name) => Effect.suspend(() => lookup(name)).pipe(Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 300 }))
    }
  })
)

export const EventsRegistry = { Registry: _Registry, layer, Undecodable, Unregistered } as const

export declare namespace EventsRegistry {
  type Registry = _Registry
  type Subscription = Registered
  type Delivery = _Delivery
}
