/**
 * How the example app calls entities: transient delivery errors are retried briefly, then become defects, as
 * do calls that got no reply in time or whose payload does not validate. Typed domain errors pass through
 * untouched; this module never swallows one.
 */
import type { AlreadyProcessingMessage, MailboxFull, PersistenceError } from "@effect/cluster/ClusterError"
import type { ParseError } from "effect/ParseResult"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Schedule from "effect/Schedule"

type _Transient = MailboxFull | AlreadyProcessingMessage | PersistenceError

/** `EntityClient`'s own failures: no reply within the send timeout, a payload that does not validate. */
type _Unanswered = { readonly _tag: "SendTimeout" } | ParseError

const _isTransient = <E>(e: E): e is Extract<E, _Transient> =>
  Predicate.isTagged(e, "MailboxFull") || Predicate.isTagged(e, "AlreadyProcessingMessage") ||
  Predicate.isTagged(e, "PersistenceError")

const _isUnanswered = <E>(e: E): e is Extract<E, _Unanswered> =>
  Predicate.isTagged(e, "SendTimeout") || Predicate.isTagged(e, "ParseError")

const _backoff = Schedule.exponential("20 millis").pipe(Schedule.intersect(Schedule.recurs(5)))

/** `Calls.reliably(client(id).Rpc(payload))`: the call's typed errors, minus the cluster's and the client's own. */
export const Calls = {
  reliably: <A, E, R>(call: Effect.Effect<A, E, R>) =>
    call.pipe(
      Effect.retry({ schedule: _backoff, while: _isTransient }),
      Effect.catchIf(_isTransient, (e) => Effect.die(e)),
      Effect.catchIf(_isUnanswered, (e) => Effect.die(e))
    )
} as const
