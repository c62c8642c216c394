/**
 * The edge middleware every generated public RPC group carries (`RpcGroup.middleware(Edge)`): it declares
 * the edge errors (`EdgeError`) as failures of every public RPC, so handlers may fail with them and clients
 * decode them as typed errors. Isomorphic, because generated client code imports it; `Server` provides it.
 */
import * as RpcMiddleware from "@effect/rpc/RpcMiddleware"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { EdgeError } from "../contract/EdgeError.js"

/** The middleware tag: fails with an `EdgeError`, provides nothing. */
export class Edge extends RpcMiddleware.Tag<Edge>()("effect-contracts/Edge", { failure: EdgeError.schema }) {
  /** The server side: lets every call through (the checks live in `Server`, before the RPC is decoded). */
  static readonly layer: Layer.Layer<Edge> = Layer.succeed(Edge, Edge.of(() => Effect.void))
}
