/**
 * An in-memory read model: the latest value per key plus a feed of every change, for list RPCs and indexers.
 * Not a source of truth: entities own their state and publish here after every change they make.
 */
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import type * as Option from "effect/Option"
import * as PubSub from "effect/PubSub"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"

/** One read model: `put` replaces a value and announces it; `watch` is a snapshot followed by live changes. */
export interface Projection<A> {
  readonly put: (value: A) => Effect.Effect<void>
  readonly get: (key: string) => Effect.Effect<Option.Option<A>>
  readonly all: Effect.Effect<ReadonlyArray<A>>
  /** Every current value, then every change: subscribes before reading, so nothing is missed. */
  readonly watch: Stream.Stream<A>
}

const make = <A>(key: (value: A) => string): Effect.Effect<Projection<A>> =>
  Effect.gen(function*() {
    const state = yield* Ref.make(HashMap.empty<string, A>())
    const changes = yield* PubSub.unbounded<A>()
    const all = Ref.get(state).pipe(Effect.map((m) => Array.from(HashMap.values(m))))
    return {
      put: (value) =>
        Ref.update(state, HashMap.set(key(value), value)).pipe(Effect.zipRight(PubSub.publish(changes, value)), Effect.asVoid),
      get: (k) => Ref.get(state).pipe(Effect.map(HashMap.get(k))),
      all,
      watch: Stream.unwrapScoped(
        PubSub.subscribe(changes).pipe(
          Effect.flatMap((live) => Effect.map(all, (now) => Stream.concat(Stream.fromIterable(now), Stream.fromQueue(live))))
        )
      )
    }
  })

/** `Projection.make(keyOf)` builds an empty read model keyed by `keyOf`. */
export const Projection = { make } as const
