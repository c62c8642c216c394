/**
 * The DSL's background declarations (schedules, subscriptions to another contract's events, jobs, webhooks)
 * and the payload helpers every constructor shares. Internal: `Contract` (Contract.ts) is the public surface.
 */
import type * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"
import type { Contract } from "./Contract.js"

type _Payload = Schema.Struct.Fields | Schema.Schema.AnyNoContext
type _PayloadType<P> = P extends Schema.Schema.AnyNoContext
  ? P extends { readonly fields: infer F extends Schema.Struct.Fields } ? Schema.Struct.Type<F> : P["Type"]
  : P extends Schema.Struct.Fields ? Schema.Struct.Type<P> : never
/** An omitted payload leaves `P` at its constraint: that means `Schema.Void`. */
type _Norm<P extends _Payload> = _Payload extends P ? typeof Schema.Void : P
/** A primary key travels on the payload: a payload whose values are never objects (`string`, …) cannot have one. */
type _KeyFor<P extends _Payload, K> = [_PayloadType<P>] extends [object] ? K : never
/** A payload given as a fields object becomes its `Schema.Struct`. */
type _AsSchema<P extends _Payload> = Extract<
  P extends Schema.Schema.AnyNoContext ? P : P extends Schema.Struct.Fields ? Schema.Struct<P> : never,
  Schema.Schema.AnyNoContext
>

/** A duration as Effect parses it, e.g. `"15 seconds"`, `"1 hour"`, `"2 days"`. */
type _Duration = `${number} ${Duration.Unit}`
type _Count = number | "unbounded"
/** The names of a contract's events: what a subscription to it may list. */
type _EventNames<C> = C extends { readonly events: infer E } ? Extract<keyof E, string> : never

/** Fields become a Struct; anything else is kept as given, for codegen to report (a contract never throws). */
const _asSchema = <P extends _Payload>(p: P): _AsSchema<P> => {
  const fields = typeof p === "object" && p !== null && !Schema.isSchema(p) &&
    Object.values(p).every((f) => Schema.isSchema(f) || Schema.isPropertySignature(f))
  return (fields ? Schema.Struct(p as Schema.Struct.Fields) : p) as _AsSchema<P>
}

const event = <S extends Schema.Schema.AnyNoContext>(options: {
  readonly payload: S
  readonly key: (payload: S["Type"]) => string
}): Messaging.Event<S> => ({ _tag: "Event", ...options })

const schedule = (
  options: { readonly cron: string; readonly skipIfOlderThan?: `${number} ${"seconds" | "minutes" | "hours"}` } | {
    readonly singleton: true
  }
): Messaging.Schedule => ({ _tag: "Schedule", ...options })

const subscription = <
  C extends Contract.Any,
  const Ev extends readonly [_EventNames<C>, ...ReadonlyArray<_EventNames<C>>]
>(options: { readonly to: C; readonly events: Ev }): Messaging.Subscription<C, Ev> => ({ _tag: "Subscription", ...options })

const job = <
  P extends _Payload,
  S extends Schema.Schema.AnyNoContext = typeof Schema.Void,
  E extends Schema.Schema.All = typeof Schema.Never
>(options: {
  readonly payload: P
  readonly success?: S
  readonly error?: E
  readonly concurrency?: _Count
  readonly mailboxCapacity?: _Count
  readonly keepAlive?: boolean
  readonly retry?: { readonly times: number }
  readonly partitions?: number
  readonly maxIdleTime?: _Duration
}): Messaging.Job<_AsSchema<P>, NoInfer<S>, NoInfer<E>> => ({
  ...options,
  _tag: "Job",
  payload: _asSchema(options.payload),
  success: (options.success ?? Schema.Void) as S,
  error: (options.error ?? Schema.Never) as E
})

const webhook = <P extends _Payload>(options: {
  readonly payload: P
  readonly retry?: Messaging.RetryPolicy
  readonly attemptTimeout?: _Duration
  readonly deadline?: _Duration
}): Messaging.Webhook<_AsSchema<P>> => ({ ...options, _tag: "Webhook", payload: _asSchema(options.payload) })

/** Schedules, subscriptions, jobs and webhooks; `Contract` re-exports the constructors and types. */
export const Messaging = { event, schedule, subscription, job, webhook, asSchema: _asSchema } as const

export declare namespace Messaging {
  type Payload = _Payload
  type PayloadType<P> = _PayloadType<P>
  type Norm<P extends _Payload> = _Norm<P>
  type AsSchema<P extends _Payload> = _AsSchema<P>
  interface Event<S extends Schema.Schema.AnyNoContext> {
    readonly _tag: "Event"
    readonly payload: S
    readonly key: (payload: S["Type"]) => string
  }
  namespace Event {
    interface Any {
      readonly _tag: "Event"
      readonly payload: Schema.Schema.AnyNoContext
      readonly key: (payload: never) => string
    }
  }
  type KeyFor<P extends _Payload, K> = _KeyFor<P, K>
  type Duration = _Duration

  type Schedule =
    & { readonly _tag: "Schedule" }
    & ({ readonly cron: string; readonly skipIfOlderThan?: `${number} ${"seconds" | "minutes" | "hours"}` } | {
      readonly singleton: true
    })

  interface Subscription<C, Ev extends ReadonlyArray<string>> {
    readonly _tag: "Subscription"
    /** The publishing contract (its default export). */
    readonly to: C
    /** The event names it receives, at least one. */
    readonly events: Ev
  }
  namespace Subscription {
    interface Any {
      readonly _tag: "Subscription"
      readonly to: { readonly name: string }
      readonly events: ReadonlyArray<string>
    }
  }

  interface Job<P extends Schema.Schema.AnyNoContext, S extends Schema.Schema.AnyNoContext, E extends Schema.Schema.All> {
    readonly _tag: "Job"
    readonly payload: P
    readonly success: S
    readonly error: E
    /** How many jobs one of its entities runs at once; by default one at a time. */
    readonly concurrency?: _Count
    readonly mailboxCapacity?: _Count
    /** Keep the job's entity alive while it runs: long batch jobs. */
    readonly keepAlive?: boolean
    /** Retries of a job whose handler dies; then it is dead-lettered. */
    readonly retry?: { readonly times: number }
    /** Entities per job type: how far its jobs spread over shards and pods. */
    readonly partitions?: number
    /** How long an idle job entity stays in memory. */
    readonly maxIdleTime?: _Duration
  }
  namespace Job {
    type Any = Job<Schema.Schema.AnyNoContext, Schema.Schema.AnyNoContext, Schema.Schema.All>
  }

  /**
   * How a webhook retries: the wait before each retry (`delays`; their count is the number of retries), or
   * `times` waits growing from `base` by `factor` (default 2) up to `max` (default 1 day). `jitter` (default
   * 0.2) scales each wait by a factor in [1 - jitter, 1 + jitter].
   */
  type RetryPolicy =
    | { readonly delays: ReadonlyArray<_Duration>; readonly jitter?: number }
    | {
      readonly times: number
      readonly base: _Duration
      readonly factor?: number
      readonly max?: _Duration
      readonly jitter?: number
    }

  interface Webhook<P extends Schema.Schema.AnyNoContext> {
    readonly _tag: "Webhook"
    readonly payload: P
    readonly retry?: RetryPolicy
    /** Time limit of one delivery attempt; default 15 seconds. */
    readonly attemptTimeout?: _Duration
    /** Dead-letter deadline from the first attempt; default: the end of the retry schedule. */
    readonly deadline?: _Duration
  }
  namespace Webhook {
    type Any = Webhook<Schema.Schema.AnyNoContext>
  }
}
