/**
 * The client's methods over one merged RpcClient (`flatten`): per group, one function per RPC whose tag has no
 * dot. A unary call carries its timeout (waiting for a connection included) and the record its transport fills
 * in, so a timeout says whether the call may have run (`unknown`) or never left (`not-stored`); a transport's
 * `RpcClientError` reaches callers as `Unavailable`. Never touches the network itself.
 */
import type * as Headers from "@effect/platform/Headers"
import type * as RpcGroup from "@effect/rpc/RpcGroup"
import * as RpcSchema from "@effect/rpc/RpcSchema"
import type * as Rpc from "@effect/rpc/Rpc"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import { EdgeError } from "../contract/EdgeError.js"
import type { ClientApi } from "./Api.js"
import { ClientSettings } from "./Settings.js"

/** The merged RpcClient as this module calls it: by tag, payload and options. */
type _Flat = (
  tag: string,
  payload: unknown,
  options?: { readonly headers?: Headers.Input | undefined }
) => Effect.Effect<unknown, unknown> | Stream.Stream<unknown, unknown>

/** A transport failure (none of ours raise one, but the type allows it) is an `Unavailable` of unknown outcome. */
const edge = (error: unknown): unknown =>
  Predicate.isTagged(error, "RpcClientError")
    ? new EdgeError.Unavailable({ message: `transport error: ${String((error as { readonly message?: unknown }).message)}`, outcome: "unknown" })
    : error

/** A unary call: timed out, typed, and recorded for its transport. */
const call = (rpc: _Flat, timeout: Duration.Duration) => (tag: string) => (payload: unknown, options?: ClientApi.CallOptions) =>
  Effect.suspend(() => {
    const record: ClientSettings.Call = { written: false }
    const limit = options?.timeout === undefined ? timeout : Duration.decode(options.timeout)
    return (rpc(tag, payload, { headers: options?.headers }) as Effect.Effect<unknown, unknown>).pipe(
      Effect.locally(ClientSettings.currentCall, record),
      Effect.timeoutFail({
        duration: limit,
        onTimeout: () =>
          new EdgeError.Unavailable({
            message: `${tag}: no answer within ${Duration.format(limit)}${record.written ? "" : " (it never reached the server)"}`,
            outcome: record.written ? "unknown" : "not-stored"
          })
      }),
      Effect.mapError(edge)
    )
  })

/** A streaming call: its items as they come, its errors typed. */
const stream = (rpc: _Flat) => (tag: string) => (payload: unknown, options?: ClientApi.StreamOptions) =>
  Stream.mapError(Stream.suspend(() => rpc(tag, payload, { headers: options?.headers }) as Stream.Stream<unknown, unknown>), edge)

/** The RPCs of a group by tag (`RpcGroup.Any` keeps the map out of its type). */
const requests = (group: RpcGroup.Any): ReadonlyMap<string, Rpc.AnyWithProps> =>
  (group as unknown as { readonly requests: ReadonlyMap<string, Rpc.AnyWithProps> }).requests

/** `{ <group>: { <Rpc>: method } }` for every group with an RPC whose tag has no dot. */
const make = (rpc: _Flat, groups: ClientApi.Groups, timeout: Duration.Duration) =>
  Object.fromEntries(Object.entries(groups).flatMap(([name, group]) => {
    const rpcs = [...requests(group).values()].filter((r) => !r._tag.includes("."))
    const method = (r: Rpc.AnyWithProps) =>
      RpcSchema.isStreamSchema(r.successSchema) ? stream(rpc)(r._tag) : call(rpc, timeout)(r._tag)
    return rpcs.length === 0 ? [] : [[name, Object.fromEntries(rpcs.map((r) => [r._tag, method(r)]))]]
  }))

export const ClientCalls = { make, edge, requests } as const

export declare namespace ClientCalls {
  type Flat = _Flat
}
