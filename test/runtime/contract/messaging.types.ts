/**
 * Type-level tests of the DSL's subscriptions, jobs and webhooks, compiled by `tsc -p .` (never run): each
 * `@ts-expect-error` proves a mistake is a compile error; the rest must compile and infer the types shown.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

type _Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const _assert = <T extends true>(): T => true as T

const Id = Schema.String.pipe(Schema.brand("Id"))

const Shop = Contract.make("shop", {
  events: {
    Placed: Contract.event({ payload: Schema.Struct({ id: Id }), key: (e) => e.id }),
    Cancelled: Contract.event({ payload: Schema.Struct({ id: Id, reason: Schema.String }), key: (e) => e.id })
  }
})

const Quiet = Contract.make("quiet", { rpcs: { Ping: Contract.rpc({}) } })

/** Mistakes the DSL must reject at compile time. */
export const rejected = {
  // @ts-expect-error a subscription lists events the publishing contract declares
  unknownEvent: Contract.subscription({ to: Shop, events: ["Shipped"] }),
  // @ts-expect-error a subscription lists at least one event
  noEvents: Contract.subscription({ to: Shop, events: [] }),
  // @ts-expect-error a contract without events has nothing to subscribe to
  noEventsDeclared: Contract.subscription({ to: Quiet, events: ["Ping"] }),
  // @ts-expect-error `to` is a contract (its default export), not its name
  notAContract: Contract.subscription({ to: "shop", events: ["Placed"] }),
  // @ts-expect-error `to` is a contract, not a look-alike object
  lookAlike: Contract.subscription({ to: { name: "shop", events: { Placed: 1 } }, events: ["Placed"] }),
  // @ts-expect-error a job payload is a Schema or a fields object
  jobPayload: Contract.job({ payload: 42 }),
  // @ts-expect-error a job's concurrency is a number or "unbounded"
  jobConcurrency: Contract.job({ payload: { id: Id }, concurrency: "lots" }),
  // @ts-expect-error a job's retry gives a number of times
  jobRetry: Contract.job({ payload: { id: Id }, retry: 3 }),
  // @ts-expect-error a job's success is a Schema
  jobSuccess: Contract.job({ payload: { id: Id }, success: "ok" }),
  // @ts-expect-error a webhook's timeout is a duration such as "15 seconds"
  webhookTimeout: Contract.webhook({ payload: { id: Id }, attemptTimeout: 15 }),
  // @ts-expect-error a webhook's retry delays are durations such as "5 minutes"
  webhookRetry: Contract.webhook({ payload: { id: Id }, retry: { delays: [5000] } }),
  // @ts-expect-error an exponential retry policy needs its base delay
  webhookBackoff: Contract.webhook({ payload: { id: Id }, retry: { times: 5 } }),
  // @ts-expect-error a subscriptions section holds subscriptions made with the DSL
  plainSubscription: Contract.make("bad", { subscriptions: { OnPlaced: { to: Shop, events: ["Placed"] } } })
}

const onPlaced = Contract.subscription({ to: Shop, events: ["Placed", "Cancelled"] })

/** A fields payload becomes a Struct; success and error default to Void and Never. */
const digest = Contract.job({ payload: { id: Id, day: Schema.String }, concurrency: 4, keepAlive: true, retry: { times: 2 } })
const reindex = Contract.job({
  payload: Schema.Struct({ id: Id }),
  success: Schema.Number,
  error: Schema.String,
  partitions: 4,
  maxIdleTime: "1 minute"
})

const shipped = Contract.webhook({
  payload: { id: Id },
  retry: { delays: ["5 seconds", "5 minutes"], jitter: 0.1 },
  attemptTimeout: "10 seconds",
  deadline: "1 days"
})

const refunded = Contract.webhook({ payload: Schema.Struct({ id: Id }), retry: { times: 6, base: "1 second", factor: 3, max: "1 hour" } })

/** Everything above composes into one contract. */
export const accepted = Contract.make("typed", {
  subscriptions: { OnPlaced: onPlaced },
  jobs: { Digest: digest, Reindex: reindex },
  webhooks: { Shipped: shipped, Refunded: refunded }
})

export const inferred = [
  _assert<_Equals<typeof onPlaced.events, readonly ["Placed", "Cancelled"]>>(),
  _assert<_Equals<typeof onPlaced.to.name, "shop">>(),
  _assert<_Equals<typeof digest.payload.Type, { readonly id: typeof Id.Type; readonly day: string }>>(),
  _assert<_Equals<typeof digest.success, typeof Schema.Void>>(),
  _assert<_Equals<typeof digest.error, typeof Schema.Never>>(),
  _assert<_Equals<typeof reindex.success.Type, number>>(),
  _assert<_Equals<typeof shipped.payload.Type, { readonly id: typeof Id.Type }>>(),
  _assert<_Equals<typeof accepted.jobs.Reindex.error.Type, string>>()
] as const
