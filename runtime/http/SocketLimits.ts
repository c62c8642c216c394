/**
 * The limits of one WebSocket connection: a token bucket on the requests it sends, a cap on its calls in
 * flight, and each call's permit of the pod-wide in-flight budget (`Limits.inFlight`, shared with HTTP), given
 * back when the call's exit is sent or the connection closes. It decides and counts; it never touches a socket.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { EdgeError } from "../contract/EdgeError.js"
import type { Limits } from "./Limits.js"

/** A call waiting for a permit of the pod's budget, or running with one. */
type _State = "waiting" | "running"

/** The counters of one connection. */
const make = (limits: Limits): SocketLimits => {
  const rate = Math.max(limits.wsMessagesPerSecond, Number.EPSILON)
  const bucket = { tokens: limits.wsMessageBurst, at: Option.none<number>() }
  const calls = new Map<string, _State>()
  const overloaded = (message: string, retryAfterMs: number) => new EdgeError.Overloaded({ message, retryAfterMs })

  const spend = Effect.map(Clock.currentTimeMillis, (now) => {
    const elapsed = Option.match(bucket.at, { onNone: () => 0, onSome: (at) => now - at })
    bucket.tokens = Math.min(limits.wsMessageBurst, bucket.tokens + (elapsed * rate) / 1000)
    bucket.at = Option.some(now)
    const allowed = bucket.tokens >= 1
    bucket.tokens -= allowed ? 1 : 0
    return allowed
      ? Option.none()
      : Option.some(overloaded(`more than ${rate} requests per second on this connection`, Math.ceil(((1 - bucket.tokens) * 1000) / rate)))
  })

  const paced = (effect: Effect.Effect<void>) =>
    Effect.flatMap(spend, Option.match({ onNone: () => effect, onSome: () => Effect.logDebug("WebSocket: over the message rate: frame dropped") }))

  // The slot is taken before the wait for a permit, so frames read meanwhile see it: the cap is exact.
  const admit = (id: string) =>
    Effect.suspend((): Effect.Effect<SocketLimits.Admission> => {
      if (calls.has(id)) return Effect.succeed(new EdgeError.RequestInvalid({ message: `request id ${id} is already in flight` }))
      if (calls.size >= limits.wsMaxInFlight) {
        return Effect.succeed(overloaded(`at most ${limits.wsMaxInFlight} calls in flight per connection`, limits.retryAfterMs))
      }
      calls.set(id, "waiting")
      return Effect.timeoutOption(limits.inFlight.take(1), limits.queueWait).pipe(Effect.flatMap(Option.match({
        onNone: (): Effect.Effect<SocketLimits.Admission> => Effect.sync(() => (calls.delete(id), overloaded("the server is busy: try again later", limits.retryAfterMs))),
        // Interrupted, answered or disconnected while it waited: the permit goes straight back.
        onSome: () => calls.get(id) === "waiting" ? Effect.sync(() => (calls.set(id, "running"), "run" as const)) : Effect.as(limits.inFlight.release(1), "gone" as const)
      })))
    })

  const done = (id: string) =>
    Effect.suspend(() => {
      const state = calls.get(id)
      calls.delete(id)
      return state === "running" ? Effect.asVoid(limits.inFlight.release(1)) : Effect.void
    })

  const close = Effect.suspend(() => {
    const running = [...calls.values()].filter((s) => s === "running").length
    calls.clear()
    return running > 0 ? Effect.asVoid(limits.inFlight.release(running)) : Effect.void
  })

  return { spend, paced, admit, done, close, inFlight: () => calls.size }
}

/** What one connection may still do. */
export interface SocketLimits {
  /** Take a token for one request: `Some(Overloaded)` when the bucket is empty. */
  readonly spend: Effect.Effect<Option.Option<EdgeError.Overloaded>>
  /** `effect` if a token is left, else nothing (the frame is dropped). */
  readonly paced: (effect: Effect.Effect<void>) => Effect.Effect<void>
  /** Admit call `id` within both caps (waiting up to `queueWait` for the pod's budget). */
  readonly admit: (id: string) => Effect.Effect<SocketLimits.Admission>
  /** Call `id` has ended (its exit is being sent): its slot and permit are free. */
  readonly done: (id: string) => Effect.Effect<void>
  /** The connection has closed: every slot and permit it held is free. */
  readonly close: Effect.Effect<void>
  /** Calls of the connection waiting or running now. */
  readonly inFlight: () => number
}

export const SocketLimits = { make } as const

export declare namespace SocketLimits {
  /** `run` it, drop it (`gone`: ended while it waited), or answer it with the error. */
  type Admission = "run" | "gone" | EdgeError.Overloaded | EdgeError.RequestInvalid
}
