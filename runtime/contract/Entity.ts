/**
 * Entities in the contract DSL: an addressable actor's messages, its mailbox settings and, optionally, its
 * durable state (a Schema and the value a fresh instance starts from). Internal: `Contract` (Contract.ts) is the
 * public surface. Isomorphic: imports only `effect`.
 */
import type * as Schema from "effect/Schema"
import type { Contract } from "./Contract.js"

type _Any = Schema.Schema.AnyNoContext
type _Idle = `${number} ${"millis" | "seconds" | "minutes" | "hours"}`

/** With a `state` schema an `initial` value of its type is required; without one, neither is given. */
type _State<S extends _Any | undefined> = [S] extends [_Any]
  ? { readonly state: S; readonly initial: S["Type"] }
  : { readonly state?: undefined; readonly initial?: undefined }

const make = <const R extends Readonly<Record<string, Contract.Rpc.Message>>, S extends _Any | undefined = undefined>(
  options: {
    readonly rpcs: R
    readonly state?: S
    readonly mailboxCapacity?: number | "unbounded"
    readonly concurrency?: number | "unbounded"
    readonly maxIdleTime?: _Idle
  } & _State<NoInfer<S>>
): Entity<R, S> => ({ _tag: "Entity", ...options }) as Entity<R, S>

/** `Contract.entity`: a sharded entity's messages, settings and durable state. */
export const Entity = { make } as const

/**
 * A sharded entity: its messages (`rpcs`), mailbox settings and, when `S` is a Schema, its durable `state`
 * with the `initial` value of an instance that has none stored yet.
 */
export type Entity<R, S extends _Any | undefined = undefined> = {
  readonly _tag: "Entity"
  readonly rpcs: R
  readonly mailboxCapacity?: number | "unbounded"
  readonly concurrency?: number | "unbounded"
  readonly maxIdleTime?: _Idle
} & _State<S>

export declare namespace Entity {
  /** Any entity, stateful or not. */
  type Any<R = unknown> = Entity<R, _Any> | Entity<R, undefined>
}
