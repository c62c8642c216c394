/**
 * The cluster's message metrics, recorded by wrapping @effect/cluster's own services (never a fork):
 * `Sharding.registerEntity` wraps every entity handler (send → start latency from the request's snowflake,
 * runs in progress, processed and failed), the `MessageStorage` counts stored and duplicate requests. The
 * wrappers add no fiber and no span; they only update metrics already in the registry.
 */
import * as MessageStorage from "@effect/cluster/MessageStorage"
import * as Sharding from "@effect/cluster/Sharding"
import * as Snowflake from "@effect/cluster/Snowflake"
import * as Rpc from "@effect/rpc/Rpc"
import * as Cause from "effect/Cause"
import type * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { Instruments } from "./Instruments.js"

const _entityType = Instruments.labels("entity_type")
const _m = Instruments.cluster

type _Handler = (request: { readonly requestId?: unknown }, ...rest: ReadonlyArray<unknown>) => unknown

const _ended = (tags: ReturnType<typeof _entityType>) => (exit: Exit.Exit<unknown, unknown>) =>
  Effect.sync(() => {
    _m.active.unsafeModify(-1, tags)
    const interrupted = Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause)
    return interrupted ? undefined : (
      _m.processed.unsafeUpdate(1, tags), Exit.isFailure(exit) ? _m.failed.unsafeUpdate(1, tags) : undefined
    )
  })

/** One entity type's handlers, each observed: effects from their start to their end, streams at the call. */
const _observe = (type: string, clock: Clock.Clock) => {
  const tags = _entityType(type)
  const ended = _ended(tags)
  const latency = (requestId: unknown) =>
    typeof requestId === "bigint"
      ? _m.latency.unsafeUpdate(Math.max(0, clock.unsafeCurrentTimeMillis() - Snowflake.timestamp(Snowflake.Snowflake(requestId))) / 1000, tags)
      : undefined
  const started = <A, E, R>(requestId: unknown, effect: Effect.Effect<A, E, R>) =>
    // Counted up and down as one acquire/release, so an interruption before the start cannot count it down alone.
    Effect.acquireUseRelease(
      Effect.sync(() => {
        latency(requestId)
        _m.active.unsafeModify(1, tags)
      }),
      () => effect,
      (_, exit) => ended(exit)
    )
  return (handler: _Handler): _Handler => (request, ...rest) => {
    const result = handler(request, ...rest)
    const inner = typeof result === "object" && result !== null && Rpc.isWrapper(result) ? result.value : result
    const observed = Effect.isEffect(inner) ? started(request.requestId, inner) : (latency(request.requestId), inner)
    return inner === result
      ? observed
      : Rpc.wrap({ fork: (result as Rpc.Wrapper<unknown>).fork, uninterruptible: (result as Rpc.Wrapper<unknown>).uninterruptible })(observed as object)
  }
}

const _instrumentSharding = (sharding: Sharding.Sharding["Type"], clock: Clock.Clock): Sharding.Sharding["Type"] => ({
  ...sharding,
  registerEntity: (entity, build, options) => {
    const observe = _observe(entity.type, clock)
    const handlers = Effect.map(build, (all) =>
      Object.fromEntries(Object.entries(all as unknown as Record<string, _Handler>).map(([tag, h]) => [tag, observe(h)])) as unknown as typeof all)
    return sharding.registerEntity(entity, handlers, options)
  }
})

/** `Sharding` whose entities' handlers record latency, runs in progress, processed and failed. */
const sharding: Layer.Layer<Sharding.Sharding, never, Sharding.Sharding> = Layer.effect(
  Sharding.Sharding,
  Effect.zipWith(Sharding.Sharding, Effect.clock, _instrumentSharding)
)

const _instrumentStorage = (storage: MessageStorage.MessageStorage["Type"]): MessageStorage.MessageStorage["Type"] =>
  MessageStorage.MessageStorage.of({
    ...storage,
    saveRequest: (message) =>
      Effect.tap(storage.saveRequest(message), (result) =>
        Effect.sync(() =>
          (result._tag === "Success" ? _m.stored : _m.duplicates).unsafeUpdate(1, _entityType(message.envelope.address.entityType))
        ))
  })

/** `storage` (a layer providing the cluster's `MessageStorage`) counting stored and duplicate requests. */
const messageStorage = <ROut, E, RIn>(storage: Layer.Layer<ROut | MessageStorage.MessageStorage, E, RIn>) =>
  Layer.effect(MessageStorage.MessageStorage, Effect.map(MessageStorage.MessageStorage, _instrumentStorage)).pipe(
    Layer.provideMerge(storage)
  )

export const Instrumented = { sharding, messageStorage } as const
