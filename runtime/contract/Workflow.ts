/**
 * Durable workflows in the contract DSL: payload versions (oldest first), the idempotency key and the result.
 * Internal: `Contract` (Contract.ts) is the public surface. Isomorphic: imports only `effect`.
 */
import * as Schema from "effect/Schema"

type _Versions = readonly [Schema.Schema.AnyNoContext, ...ReadonlyArray<Schema.Schema.AnyNoContext>]

const make = <
  const V extends _Versions,
  S extends Schema.Schema.AnyNoContext = typeof Schema.Void,
  E extends Schema.Schema.All = typeof Schema.Never
>(options: {
  readonly versions: V
  readonly idempotencyKey: (payload: V[number]["Type"]) => string
  readonly success?: S
  readonly error?: E
}): Workflow<V, NoInfer<S>, NoInfer<E>> => ({
  _tag: "Workflow",
  versions: options.versions,
  idempotencyKey: options.idempotencyKey,
  success: (options.success ?? Schema.Void) as S,
  error: (options.error ?? Schema.Never) as E
})

/** `Contract.workflow`: a durable workflow's payload versions, idempotency key and result. */
export const Workflow = { make } as const

export interface Workflow<V extends _Versions, S extends Schema.Schema.AnyNoContext, E extends Schema.Schema.All> {
  readonly _tag: "Workflow"
  readonly versions: V
  readonly idempotencyKey: (payload: V[number]["Type"]) => string
  readonly success: S
  readonly error: E
}

export declare namespace Workflow {
  type Versions = _Versions
  interface Any {
    readonly _tag: "Workflow"
    readonly versions: _Versions
    readonly idempotencyKey: (payload: never) => string
    readonly success: Schema.Schema.AnyNoContext
    readonly error: Schema.Schema.All
  }
}
