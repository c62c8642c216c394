/**
 * The cluster's message storage, kept out of the caller's SQL transaction. @effect/sql finds a
 * transaction through the fiber's context, and a send runs the storage in the sender's fiber: without
 * this, a message sent inside `sql.withTransaction` would be written in that transaction, invisible to
 * the pod that must read it until the commit — and a request/reply call inside the transaction would
 * wait for a reply that cannot come until it returns. Messages are stored at once, whatever the caller's
 * transaction does (use the events outbox to make a message depend on a commit).
 */
import * as MessageStorage from "@effect/cluster/MessageStorage"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const _outside = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.mapInputContext(effect, (context: Context.Context<R>) => Context.omit(SqlClient.TransactionConnection)(context) as Context.Context<R>)

type _Method = (...args: ReadonlyArray<unknown>) => unknown

/** Every method of the storage (they all return effects) run without the caller's transaction connection. */
const isolate = (storage: MessageStorage.MessageStorage["Type"]): MessageStorage.MessageStorage["Type"] =>
  Object.fromEntries(Object.entries(storage).map(([name, value]) => [
    name,
    typeof value === "function"
      ? (...args: ReadonlyArray<unknown>) => {
        const result = (value as _Method)(...args)
        return Effect.isEffect(result) ? _outside(result) : result
      }
      : value
  ])) as MessageStorage.MessageStorage["Type"]

/** `storage` with `isolate` applied to the MessageStorage it provides (other services pass through). */
const layer = <ROut, E, RIn>(storage: Layer.Layer<ROut | MessageStorage.MessageStorage, E, RIn>) =>
  Layer.effect(MessageStorage.MessageStorage, Effect.map(MessageStorage.MessageStorage, isolate)).pipe(
    Layer.provideMerge(storage)
  )

export const StorageIsolation = { isolate, layer } as const
