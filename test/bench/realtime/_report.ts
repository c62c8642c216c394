/**
 * Formats the realtime benchmark's results: one markdown table (metric, ours, baseline, ratio, goal, met?)
 * and the machine note. Pure: it measures nothing and never fails the process on a missed goal.
 */
import type { ClusterReport } from "../_clusterReport.js"
import type { FanOut } from "./_fanout.js"
import type { Latency } from "./_latency.js"
import type { RoundTrip } from "./_roundtrip.js"

/** Goals (issue 13): fan-out at least half the bare server's deliveries/s; p99 at most 50 ms at 1,000 msg/s. */
const goals = { fanOutRatio: 0.5, latencyP99Ms: 50 } as const

const _f = (x: number, digits = 1): string => Number.isNaN(x) ? "–" : x.toFixed(digits)
const _k = (x: number): string => Number.isNaN(x) ? "–" : Math.round(x).toLocaleString("en-US")
const _pct = (x: number): string => Number.isNaN(x) ? "–" : `${(x * 100).toFixed(0)} %`
const _met = (ok: boolean): string => ok ? "yes" : "**no**"

const _table = (columns: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => [
  `| ${columns.join(" | ")} |`,
  `|${columns.map((_, c) => c === 0 || c >= 4 ? "---" : "--:").join("|")}|`,
  ...rows.map((row) => `| ${row.join(" | ")} |`)
]

/** The row cells of one run's figures. */
const rows = (r: RealtimeReport): ReadonlyArray<ReadonlyArray<string>> => {
  const [ours, base] = [r.fanOut.find((x) => x.side === "pod")!, r.fanOut.find((x) => x.side === "baseline")!]
  const ratio = ours.perSecond / base.perSecond
  const l = r.latency
  const rateMet = l.rate >= 0.95 * r.settings.rate
  const p = (x: ClusterReport.Pcts) => `${_f(x.p50, 1)} / ${_f(x.p99, 1)}`
  const rt = r.roundTrip
  return [
    [
      `SSE fan-out: ${_k(r.settings.subscribers)} subscribers of one key × ${r.settings.messages} messages, deliveries/s (median of ${r.settings.rounds} rounds)`,
      _k(ours.perSecond),
      _k(base.perSecond),
      _pct(ratio),
      `≥ ${_pct(goals.fanOutRatio)} of baseline`,
      _met(ratio >= goals.fanOutRatio && ours.complete)
    ],
    ["  fan-out CPU of the serving process per delivery, µs", _f(ours.serverUsPerDelivery, 1), _f(base.serverUsPerDelivery, 1), `${_f(ours.serverUsPerDelivery / base.serverUsPerDelivery, 1)}×`, "–", "–"],
    [`  opening the ${_k(r.settings.subscribers)} subscribers, s`, _f(ours.connectMs / 1000, 1), _f(base.connectMs / 1000, 1), `${_f(ours.connectMs / base.connectMs, 1)}×`, "–", "–"],
    [
      `cross-pod latency p50 / p99 ms, commit → SSE arrival: ${_k(l.rate)} msg/s (target ${_k(r.settings.rate)}) × ${r.settings.seconds} s, ${l.subscribers} subscribers`,
      p(l.fromCommit),
      "–",
      "–",
      `p99 ≤ ${goals.latencyP99Ms} ms at ${_k(r.settings.rate)} msg/s`,
      _met(l.fromCommit.p99 <= goals.latencyP99Ms && rateMet && l.received === l.expected)
    ],
    [`  publish start → SSE arrival (the publishing statement alone: ${p(l.commit)})`, p(l.fromBegin), "–", "–", "–", "–"],
    [`  of which NOTIFY → SSE arrival, the pods' part (commit → NOTIFY heard by a listener in the bench process: ${p(l.commitToNotify)})`, p(l.notifyToArrival), "–", "–", "–", "–"],
    [`  1 subscriber at ${_k(r.latencyOne.rate)} msg/s: commit → SSE arrival (NOTIFY → SSE arrival: ${p(r.latencyOne.notifyToArrival)})`, p(r.latencyOne.fromCommit), "–", "–", "–", "–"],
    ["RPC round trip p50 / p99 ms, `bench.Echo` one at a time: WebSocket `/ws` (ours) vs HTTP `POST /rpc/bench`", p(rt.ws), p(rt.http), `${_f(rt.ws.p50 / rt.http.p50, 2)}× (p50)`, "beside HTTP", "–"],
    ["  pod CPU per call, ms", _f(rt.podCpuMsPerCall.ws, 2), _f(rt.podCpuMsPerCall.http, 2), `${_f(rt.podCpuMsPerCall.ws / rt.podCpuMsPerCall.http, 2)}×`, "–", "–"]
  ]
}

/** The printed lines: the machine note, the table, and what a reader needs to read it. */
const lines = (r: RealtimeReport): ReadonlyArray<string> => {
  const [ours, base] = [r.fanOut.find((x) => x.side === "pod")!, r.fanOut.find((x) => x.side === "baseline")!]
  return [
    `Realtime (${r.date}): node ${r.node}, ${r.cpus} cores, ${r.server} PostgreSQL, load ${r.loadavg.before.map((x) => x.toFixed(2)).join(" ")} → ` +
    `${r.loadavg.after.map((x) => x.toFixed(2)).join(" ")}; ${r.wallSeconds.toFixed(0)} s`,
    "",
    ..._table(["metric", "ours", "baseline", "ratio", "goal", "met?"], rows(r)),
    "",
    `fan-out rounds, deliveries/s — pod: ${ours.rounds.map((x) => _k(x.perSecond)).join(" / ")} (publish ${ours.rounds.map((x) => _f(x.publishMs, 0)).join(" / ")} ms); ` +
    `bare: ${base.rounds.map((x) => _k(x.perSecond)).join(" / ")}; clients' busiest share of a core: pod ${_pct(ours.clientCore)}, bare ${_pct(base.clientCore)}`,
    `latency: ${r.latency.received} of ${r.latency.expected} deliveries arrived; max ${_f(r.latency.max, 1)} ms (publish start → arrival); ` +
    `RPC: ${r.roundTrip.ws.n} calls per transport`
  ]
}

export const RealtimeReport = { goals, rows, lines } as const

/** Everything one run measured. */
export interface RealtimeReport {
  readonly date: string
  readonly node: string
  readonly cpus: number
  readonly server: string
  readonly loadavg: { readonly before: ReadonlyArray<number>; readonly after: ReadonlyArray<number> }
  readonly wallSeconds: number
  readonly settings: { readonly subscribers: number; readonly messages: number; readonly rounds: number; readonly rate: number; readonly seconds: number }
  readonly fanOut: ReadonlyArray<FanOut.Result>
  readonly latency: Latency.Result
  /** The same with one subscriber: the delivery path without fan-out. */
  readonly latencyOne: Latency.Result
  readonly roundTrip: RoundTrip.Result
}
