/**
 * A channel subscription as the payloads an older streaming RPC (`WatchOrders`, `Subscribe`) sends: such an RPC
 * has no cursor to resume from, so it streams payloads only. It only reshapes a stream; it never subscribes.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { EdgeError } from "effect-contracts/EdgeError"
import type { Realtime } from "effect-contracts/Realtime"

/**
 * The payloads of `items`: a `Gap` (messages this subscriber missed) is skipped, and a subscriber that fell
 * behind (`Lagged`) ends with `Unavailable`, so its client subscribes again and reads what changed meanwhile.
 * A client that must not miss anything follows the channel's own RPC, whose items carry cursors.
 */
const of = <P, E, R>(items: Stream.Stream<Realtime.Item<P>, E, R>, what: string): Stream.Stream<P, E | EdgeError.Unavailable, R> =>
  items.pipe(
    Stream.mapEffect((item) =>
      item._tag === "Lagged"
        ? Effect.fail(new EdgeError.Unavailable({ message: `${what}: ${item.message}`, outcome: "unknown" }))
        : Effect.succeed(item._tag === "Message" ? Option.some(item.payload) : Option.none())
    ),
    Stream.filterMap((payload) => payload)
  )

/** `Payloads.of(channel.subscribe(key), "WatchOrders")`: what a payloads-only streaming RPC sends. */
export const Payloads = { of } as const
