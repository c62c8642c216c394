/**
 * The connection's state as a signal: the current value, and a stream of it then of every change, for a UI to
 * render (and the promise facade's `onState`). A set of listeners rather than a `SubscriptionRef`, whose
 * `PubSub` would add a tenth of the client's bundle. Only the transports set it.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Subscribable from "effect/Subscribable"
import type { ClientApi } from "./Api.js"

const make = (initial: ClientApi.State) => {
  const cell = { current: initial }
  const listeners = new Set<(state: ClientApi.State) => void>()
  const changes = Stream.asyncPush<ClientApi.State>((emit) =>
    Effect.acquireRelease(
      Effect.sync(() => {
        const listener = (state: ClientApi.State) => void emit.single(state)
        emit.single(cell.current)
        listeners.add(listener)
        return listener
      }),
      (listener) => Effect.sync(() => void listeners.delete(listener))
    ))
  return {
    /** Move to `state`; listeners hear of it only when it changes. */
    set: (state: ClientApi.State) =>
      Effect.sync(() => {
        const changed = cell.current !== state
        cell.current = state
        changed && listeners.forEach((l) => l(state))
      }),
    /** What callers see: the state now, and its changes. */
    readable: Subscribable.make({ get: Effect.sync(() => cell.current), changes })
  }
}

export const ClientState = { make } as const

export declare namespace ClientState {
  type Signal = ReturnType<typeof make>
}
