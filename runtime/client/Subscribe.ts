/**
 * A channel subscription that survives the network: it remembers the cursor of the last item the server sent
 * and, when its stream fails with `Unavailable` (the connection was lost, the server's log was unreachable) or
 * `Overloaded`, or ends after a `Lagged`, subscribes again after that cursor — so no message is lost and none
 * comes twice. A subscription from now gets `Start` first (where now was), so one cut before its first message
 * resumes from there too. `Gap`s are passed on (messages were missed: the caller refetches); `Start` and
 * `Lagged` are not. Refusals (`Unauthorized`, `Forbidden`, `RequestInvalid`, `UpgradeRequired`) end it.
 */
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type { ClientApi } from "./Api.js"
import type { ClientCalls } from "./Calls.js"
import { ClientCalls as Calls } from "./Calls.js"
import type { ClientSettings } from "./Settings.js"

type _Item = { readonly _tag: "Start" | "Message" | "Gap" | "Lagged"; readonly cursor: string }

/** Errors after which the subscription resumes (the server is unreachable or busy), rather than ends. */
const _resumable = (error: unknown) => Predicate.isTagged(error, "Unavailable") || Predicate.isTagged(error, "Overloaded")

/** Waits between attempts that fail before passing an item: as reconnects, reset once an item passes. */
const _backoff = (r: ClientSettings.Settings["reconnect"]) =>
  Schedule.exponential(r.base, 2).pipe(
    Schedule.union(Schedule.spaced(r.max)),
    Schedule.jitteredWith({ min: 0.5, max: 1 }),
    Schedule.whileInput(_resumable)
  )

const make = (rpc: ClientCalls.Flat, settings: ClientSettings.Settings) =>
(tag: string, key: unknown, options?: ClientApi.SubscribeOptions): Stream.Stream<_Item, unknown> => {
  const position = { cursor: options?.cursor }
  const attempt = Stream.suspend(() => rpc(tag, { key, cursor: position.cursor }) as Stream.Stream<_Item, unknown>).pipe(
    Stream.mapError(Calls.edge),
    Stream.tap((item) => Effect.sync(() => void (position.cursor = item.cursor))),
    Stream.takeUntil((item) => item._tag === "Lagged")
  )
  // A lag ends the attempt (the server closed its stream): the next one starts after the lag's cursor. Any item,
  // `Start` included, resets the backoff (`Stream.retry` does once an element passes).
  return attempt.pipe(
    Stream.retry(_backoff(settings.reconnect)),
    Stream.forever,
    Stream.filter((item) => item._tag === "Message" || item._tag === "Gap")
  )
}

export const ClientSubscribe = { make } as const
