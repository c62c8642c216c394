/**
 * Type-level tests of an entity's durable state in the contract DSL, compiled by `tsc -p .` (never run): a
 * `state` schema needs an `initial` value of its type, and the contract keeps both types.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

type _Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const _assert = <T extends true>(): T => true as T

const Counter = Schema.Struct({ count: Schema.Int, last: Schema.NullOr(Schema.String) })
const Bump = Contract.rpc({ payload: { by: Schema.Int }, success: Schema.Int })

/** Mistakes the DSL must reject at compile time. */
export const rejected = {
  // @ts-expect-error a state schema needs an initial value
  noInitial: Contract.entity({ rpcs: { Bump }, state: Counter }),
  // @ts-expect-error the initial value must be of the state's type
  wrongInitial: Contract.entity({ rpcs: { Bump }, state: Counter, initial: { count: "0", last: null } }),
  // @ts-expect-error an initial value without a state schema means nothing
  initialOnly: Contract.entity({ rpcs: { Bump }, initial: 0 }),
  // @ts-expect-error a state must be a Schema
  plainState: Contract.entity({ rpcs: { Bump }, state: { count: Schema.Int }, initial: { count: 0 } })
}

const counter = Contract.entity({ rpcs: { Bump }, state: Counter, initial: { count: 0, last: null }, concurrency: 1 })
const plain = Contract.entity({ rpcs: { Bump } })

/** Stateful and stateless entities sit side by side in a contract. */
export const accepted = Contract.make("stateful", { entities: { Counter: counter, Plain: plain } })

export const inferred = [
  _assert<_Equals<typeof accepted.entities.Counter.state, typeof Counter>>(),
  _assert<_Equals<typeof accepted.entities.Counter.initial, typeof Counter.Type>>(),
  _assert<_Equals<typeof accepted.entities.Plain.state, undefined>>()
] as const
