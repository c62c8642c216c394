/**
 * Type-level tests of the contract DSL, compiled by `tsc -p .` (never run): each `@ts-expect-error`
 * proves a mistake is a compile error; the rest must compile and infer the types shown.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

type _Simplify<A> = { [K in keyof A]: A[K] } & {}
type _Equals<A, B> = (<T>() => T extends _Simplify<A> ? 1 : 2) extends (<T>() => T extends _Simplify<B> ? 1 : 2) ? true
  : false
const _assert = <T extends true>(): T => true as T

const Id = Schema.String.pipe(Schema.brand("Id"))
const Key = Schema.Struct({ id: Id, n: Schema.Number })

class Job extends Schema.Class<Job>("Job")({ jobId: Schema.String, attempts: Schema.Int }) {}

/** Mistakes the DSL must reject at compile time. */
export const rejected = {
  // @ts-expect-error a primary key must return a string
  numberKey: Contract.rpc({ payload: { id: Schema.String, n: Schema.Number }, persisted: true, primaryKey: (p) => p.n }),
  // @ts-expect-error a payload must be a Schema or a fields object, not a number
  numberPayload: Contract.rpc({ payload: 42 }),
  // @ts-expect-error a payload must be a Schema or a fields object, not a string
  stringPayload: Contract.rpc({ payload: "OrderId" }),
  // @ts-expect-error an event payload must be a Schema
  eventPayload: Contract.event({ payload: { id: Schema.String }, key: () => "k" }),
  // @ts-expect-error an event key must return a string
  eventKey: Contract.event({ payload: Key, key: (e) => e.n }),
  // @ts-expect-error a success must be a Schema
  successValue: Contract.rpc({ payload: Key, success: 42 }),
  // @ts-expect-error a workflow needs at least one payload version
  noVersions: Contract.workflow({ versions: [], idempotencyKey: () => "k" }),
  // @ts-expect-error an idempotency key can only read fields the payloads have
  missingField: Contract.workflow({ versions: [Key], idempotencyKey: (p) => p.orderId }),
  // @ts-expect-error an entity's messages must be made with Contract.rpc
  plainMessage: Contract.entity({ rpcs: { Place: { payload: Key } } }),
  // @ts-expect-error a schedule is a cron expression or a singleton
  emptySchedule: Contract.schedule({}),
  // @ts-expect-error a contract section holds declarations made with the DSL
  plainSection: Contract.make("bad", { rpcs: { Ping: { payload: Key } } })
}

/** A fields payload with an `optionalWith` default: the handler sees the field as present. */
const listOrders = Contract.rpc({
  payload: { tenant: Schema.String, limit: Schema.optionalWith(Schema.Int, { default: () => 20 }) },
  success: Schema.Array(Schema.String),
  persisted: true,
  primaryKey: (p) => `${p.tenant}/${p.limit.toFixed(0)}`
})

/** A Struct payload with a primary key reading a branded field. */
const place = Contract.rpc({ payload: Key, success: Schema.Void, persisted: true, primaryKey: (p) => p.id })

/** A Class payload: the primary key (and the generated entity message) reads the class's fields. */
const run = Contract.rpc({ payload: Job, persisted: true, primaryKey: (j) => `${j.jobId}#${j.attempts}` })

/** Versions widen the idempotency key's input to every version's fields they share. */
const KeyV2 = Schema.Struct({ ...Key.fields, note: Schema.optional(Schema.String) })
const checkout = Contract.workflow({ versions: [Key, KeyV2], idempotencyKey: (p) => p.id, success: Schema.String })

/** Everything above composes into one contract. */
export const accepted = Contract.make("typed", {
  events: { Placed: Contract.event({ payload: Key, key: (e) => e.id }) },
  rpcs: { ListOrders: listOrders },
  entities: { Order: Contract.entity({ rpcs: { Place: place, Run: run }, maxIdleTime: "5 minutes" }) },
  workflows: { Checkout: checkout },
  schedules: { Tick: Contract.schedule({ cron: "*/5 * * * *" }), Leader: Contract.schedule({ singleton: true }) }
})

export const inferred = [
  _assert<_Equals<Contract.PayloadType<typeof listOrders.payload>, { readonly tenant: string; readonly limit: number }>>(),
  _assert<_Equals<Contract.PayloadType<typeof place.payload>, typeof Key.Type>>(),
  _assert<_Equals<Contract.PayloadType<typeof run.payload>, { readonly jobId: string; readonly attempts: number }>>(),
  _assert<_Equals<typeof accepted.name, "typed">>(),
  _assert<_Equals<typeof accepted.rpcs.ListOrders.persisted, boolean>>()
] as const
