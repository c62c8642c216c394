/**
 * The realtime benchmark's RPC phase: the unary `bench.Echo` called one at a time from this process over the
 * pod's WebSocket (`/ws`, JSON frames) and over HTTP (`POST /rpc/bench`, NDJSON, keep-alive `fetch`), in
 * alternating rounds of one run, each call timed on the monotonic clock. Measures only.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as RpcClient from "@effect/rpc/RpcClient"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ClusterPods } from "../_clusterPods.js"
import { ClusterReport } from "../_clusterReport.js"
import { Echo } from "./_echo.js"

const _client = <E>(protocol: Layer.Layer<RpcClient.Protocol, E>) =>
  Layer.build(protocol).pipe(Effect.flatMap((context) => Effect.provide(RpcClient.make(Echo.Rpcs), context)))

const _ws = (url: string) =>
  _client(RpcClient.layerProtocolSocket().pipe(Layer.provide(NodeSocket.layerWebSocket(url)), Layer.provide(RpcSerialization.layerJson)))

const _http = (url: string) =>
  _client(RpcClient.layerProtocolHttp({ url }).pipe(Layer.provide(RpcSerialization.layerNdjson), Layer.provide(FetchHttpClient.layer)))

/** `calls` sequential calls; each one's round trip in ms. */
const _calls = (echo: (text: string) => Effect.Effect<string, unknown>, calls: number) =>
  Effect.forEach(Array.from({ length: calls }, (_, i) => i), (i) =>
    Effect.suspend(() => {
      const t0 = performance.now()
      return Effect.map(echo(`ping ${i}`), () => performance.now() - t0)
    }))

/** Both transports against `pod`: `rounds` of `calls` each, after a warm-up; the pod's CPU per call. */
const run = (pod: ClusterPods.Pod, options: { readonly calls: number; readonly rounds: number; readonly warmup: number }) =>
  Effect.scoped(Effect.gen(function*() {
    const ws = yield* _ws(`${pod.url("/ws").replace(/^http/, "ws")}`)
    const http = yield* _http(pod.url("/rpc/bench"))
    const transports = [
      { name: "ws" as const, echo: (text: string) => ws.bench.Echo({ text }) },
      { name: "http" as const, echo: (text: string) => http.bench.Echo({ text }) }
    ]
    yield* Effect.forEach(transports, (t) => _calls(t.echo, options.warmup), { discard: true })
    const samples = { ws: [] as Array<number>, http: [] as Array<number> }
    const cpu = { ws: 0, http: 0 }
    yield* Effect.forEach(Array.from({ length: options.rounds }, (_, r) => r), (r) =>
      Effect.forEach(r % 2 === 0 ? transports : [...transports].reverse(), (t) =>
        Effect.gen(function*() {
          const cpu0 = yield* ClusterPods.cpuMs([pod])
          const ms = yield* _calls(t.echo, options.calls)
          cpu[t.name] += (yield* ClusterPods.cpuMs([pod])) - cpu0
          return ms
        }).pipe(
          Effect.tap((ms) => samples[t.name].push(...ms)),
          Effect.tap((ms) => Console.error(`  round ${r + 1}: ${t.name} p50 ${ClusterReport.percentile(ms, 0.5).toFixed(2)} ms`))
        )), { discard: true })
    const perCall = (name: "ws" | "http") => cpu[name] / Math.max(1, samples[name].length)
    const result: RoundTrip.Result = {
      ws: ClusterReport.pcts(samples.ws),
      http: ClusterReport.pcts(samples.http),
      podCpuMsPerCall: { ws: perCall("ws"), http: perCall("http") }
    }
    return result
  }))

export const RoundTrip = { run } as const

export declare namespace RoundTrip {
  interface Result {
    readonly ws: ClusterReport.Pcts
    readonly http: ClusterReport.Pcts
    /** The pod's CPU per call (its whole process, from /proc: background work included). */
    readonly podCpuMsPerCall: { readonly ws: number; readonly http: number }
  }
}
