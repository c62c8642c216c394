/**
 * The realtime benchmark's unary RPC: `bench.Echo` returns its text, with no auth and no SQL, so a round
 * trip over `/ws` and over `POST /rpc/bench` measures the transports and the RPC server, nothing else.
 */
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { EdgeError } from "effect-contracts/EdgeError"

const Rpcs = RpcGroup.make(Rpc.make("bench.Echo", { payload: { text: Schema.String }, success: Schema.String, error: EdgeError.schema }))

const layer = Rpcs.toLayer({ "bench.Echo": ({ text }) => Effect.succeed(text) })

export const Echo = { Rpcs, layer } as const
