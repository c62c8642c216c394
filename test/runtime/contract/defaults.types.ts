/**
 * Type-level tests, compiled by `tsc -p .` (never run): a success or error left out of a declaration written
 * inline in `Contract.make` (where the section's type is the context) is `Schema.Void` / `Schema.Never` for
 * every kind that has them (RPC, workflow, job), never a `Schema.Any`-like type the generated layer would
 * then require as `unknown`.
 */
import { Contract } from "effect-contracts"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

type _Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const _assert = <T extends true>(): T => true as T

const Id = Schema.String.pipe(Schema.brand("Id"))

/** What `codegen init` scaffolds: every declaration inline, success and error left out. */
const shelf = Contract.make("shelf", {
  rpcs: { Ping: Contract.rpc({ payload: { id: Id } }) },
  workflows: { Process: Contract.workflow({ versions: [Schema.Struct({ id: Id })], idempotencyKey: (p) => p.id }) },
  jobs: { Export: Contract.job({ payload: { id: Id }, retry: { times: 3 } }) }
})

export const inferred = [
  _assert<_Equals<typeof shelf.rpcs.Ping.success, typeof Schema.Void>>(),
  _assert<_Equals<typeof shelf.rpcs.Ping.error, typeof Schema.Never>>(),
  _assert<_Equals<typeof shelf.workflows.Process.success, typeof Schema.Void>>(),
  _assert<_Equals<typeof shelf.workflows.Process.error, typeof Schema.Never>>(),
  _assert<_Equals<typeof shelf.jobs.Export.success, typeof Schema.Void>>(),
  _assert<_Equals<typeof shelf.jobs.Export.error, typeof Schema.Never>>(),
  _assert<_Equals<typeof shelf.workflows.Process.versions, readonly [Schema.Struct<{ id: typeof Id }>]>>()
] as const

/** Handlers typed from the declarations: with an omitted error they cannot fail (before the fix they could). */
type _Handler<D extends { readonly success: Schema.Schema.Any; readonly error: Schema.Schema.All }> = Effect.Effect<
  D["success"]["Type"],
  D["error"]["Type"]
>
declare const failsWithString: Effect.Effect<void, string>

export const handlers = {
  // @ts-expect-error an omitted workflow error is Never: its handler cannot fail
  workflowError: failsWithString satisfies _Handler<typeof shelf.workflows.Process>,
  // @ts-expect-error an omitted job error is Never: its handler cannot fail
  jobError: failsWithString satisfies _Handler<typeof shelf.jobs.Export>
}
