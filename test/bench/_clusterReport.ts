/**
 * Formats the cluster benchmark's results: percentiles, the printed tables, the goal lines and the JSON
 * document. Pure: it measures nothing and never fails the process on a missed goal.
 */

const _goalRatio = 0.5
const _goalOverhead = 0.1
const _goalSameP50 = 5
const _goalCrossP99 = 250

/** Nearest-rank percentile of unsorted samples (NaN when there are none). */
const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!
}

const median = (xs: ReadonlyArray<number>): number => percentile(xs, 0.5)

const pcts = (xs: ReadonlyArray<number>): ClusterReport.Pcts => ({
  n: xs.length,
  p50: percentile(xs, 0.5),
  p90: percentile(xs, 0.9),
  p99: percentile(xs, 0.99)
})

const _f = (x: number, digits = 1): string => Number.isNaN(x) ? "–" : x.toFixed(digits)
const _x = (x: number): string => Number.isNaN(x) ? "–" : `${(x * 100).toFixed(0)} %`
const _verdict = (ok: boolean): string => ok ? "PASS" : "FAIL"

const _table = (columns: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => {
  const cells = [columns, ...rows]
  const widths = columns.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)))
  const line = (row: ReadonlyArray<string>) => `| ${row.map((v, c) => c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!)).join(" | ")} |`
  return [line(columns), `|${widths.map((w, c) => c === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":").join("|")}|`, ...rows.map(line)]
}

const _run = (r: ClusterReport): ReadonlyMap<ClusterReport.Kind, ClusterReport.Throughput> =>
  new Map(r.throughput.map((t) => [t.kind, t]))

/** Median msg/s of a kind over its rounds. */
const rate = (t: ClusterReport.Throughput | undefined): number =>
  t === undefined ? Number.NaN : median(t.rounds.map((x) => x.msgPerSec))

const _throughputRows = (r: ClusterReport) => {
  const runs = _run(r)
  const raw = rate(runs.get("sql-raw"))
  const eff = rate(runs.get("sql-effect"))
  return r.throughput.map((t) => [
    t.name,
    _f(rate(t), 0),
    t.rounds.map((x) => _f(x.msgPerSec, 0)).join(" / "),
    _x(rate(t) / raw),
    _x(rate(t) / eff),
    _f(t.latency.p50),
    _f(t.latency.p90),
    _f(t.latency.p99),
    _f(median(t.rounds.map((x) => x.cpuMsPerMsg)), 2),
    String(t.rounds.reduce((a, x) => a + x.errors, 0))
  ])
}

const _latencyRows = (r: ClusterReport) =>
  r.latency.map((l) => [
    `${l.name}, ${l.phase}`,
    _f(l.same.p50, 2),
    _f(l.same.p90, 2),
    _f(l.same.p99, 2),
    String(l.same.n),
    _f(l.cross.p50, 2),
    _f(l.cross.p90, 2),
    _f(l.cross.p99, 2),
    String(l.cross.n)
  ])

/** What the goals say about these numbers. */
const goals = (r: ClusterReport) => {
  const runs = _run(r)
  const generated = rate(runs.get("generated"))
  const ratioRaw = generated / rate(runs.get("sql-raw"))
  const ratioEffect = generated / rate(runs.get("sql-effect"))
  const overhead = 1 - generated / rate(runs.get("raw-entity"))
  const judged = (phase: ClusterReport.Phase) => r.latency.filter((l) => l.target !== "raw" && l.phase === phase)
  const worst = (phase: ClusterReport.Phase, f: (l: ClusterReport.Latency) => number) =>
    judged(phase).length === 0 ? Number.NaN : Math.max(...judged(phase).map(f))
  const sameP50 = { fresh: worst("fresh", (l) => l.same.p50), afterLoad: worst("after load", (l) => l.same.p50) }
  const crossP99 = { fresh: worst("fresh", (l) => l.cross.p99), afterLoad: worst("after load", (l) => l.cross.p99) }
  return {
    throughput: { goal: _goalRatio, ratioRaw, ratioEffect, pass: ratioRaw >= _goalRatio },
    overhead: { goal: _goalOverhead, overhead, pass: overhead <= _goalOverhead },
    sameP50: { goalMs: _goalSameP50, ...sameP50, pass: Math.max(sameP50.fresh, sameP50.afterLoad) <= _goalSameP50 },
    crossP99: { goalMs: _goalCrossP99, ...crossP99, pass: Math.max(crossP99.fresh, crossP99.afterLoad) <= _goalCrossP99 }
  }
}

/** The lines printed on stdout. */
const lines = (r: ClusterReport): ReadonlyArray<string> => {
  const g = goals(r)
  return [
    `cluster benchmark: node ${r.node}, ${r.cpus} cpu(s), PostgreSQL ${r.server}; 2 pods; ${r.concurrency} concurrent ` +
    `callers (${r.concurrency / 2} per pod, sending from inside the pods), ${r.rounds} round(s) of ${r.seconds} s, interleaved`,
    "SQL cycle = insert request row, handler's side-effect row, mark processed + insert reply (one statement), same server",
    "",
    ..._table(
      ["persisted request/reply", "msg/s", "per round", "× SQL raw", "× SQL effect", "p50 ms", "p90 ms", "p99 ms", "client cpu ms/msg", "errors"],
      _throughputRows(r)
    ),
    "",
    "send → handler start, one call at a time from each pod (same pod = the entity lives where the call is made);",
    `fresh = after the warm-up; after load = right after the throughput rounds (cluster_messages: ${r.tableAfterLoad.live} live, ` +
    `${r.tableAfterLoad.dead} dead rows not yet vacuumed — every message leaves 2 dead row versions):`,
    ..._table(["latency (ms)", "same p50", "p90", "p99", "n", "cross p50", "p90", "p99", "n"], _latencyRows(r)),
    "",
    `persisted throughput ≥ ${_x(_goalRatio)} of the SQL cycle: ${_verdict(g.throughput.pass)} ` +
    `(generated ${_x(g.throughput.ratioRaw)} of node-postgres, ${_x(g.throughput.ratioEffect)} of @effect/sql-pg)`,
    `generated path overhead ≤ ${_x(_goalOverhead)} vs a hand-written entity: ${_verdict(g.overhead.pass)} (${_x(g.overhead.overhead)})`,
    `send → handler start p50 ≤ ${_goalSameP50} ms same pod: ${_verdict(g.sameP50.pass)} ` +
    `(worst generated row: fresh ${_f(g.sameP50.fresh, 2)} ms, after load ${_f(g.sameP50.afterLoad, 2)} ms)`,
    `send → handler start p99 ≤ ${_goalCrossP99} ms cross pod: ${_verdict(g.crossP99.pass)} ` +
    `(worst generated row: fresh ${_f(g.crossP99.fresh, 2)} ms, after load ${_f(g.crossP99.afterLoad, 2)} ms)`
  ]
}

/** The JSON document written to `.bench/cluster.json`. */
const json = (r: ClusterReport) => ({ ...r, goals: goals(r) })

export const ClusterReport = { percentile, pcts, median, rate, goals, lines, json } as const

/** Everything one run of the cluster benchmark measured; times in milliseconds. */
export interface ClusterReport {
  readonly date: string
  readonly node: string
  readonly cpus: number
  readonly server: string
  readonly concurrency: number
  readonly seconds: number
  readonly rounds: number
  readonly throughput: ReadonlyArray<ClusterReport.Throughput>
  readonly latency: ReadonlyArray<ClusterReport.Latency>
  readonly tableAfterLoad: { readonly live: number; readonly dead: number }
}

export declare namespace ClusterReport {
  type Kind = "sql-raw" | "sql-effect" | "generated" | "raw-entity"
  interface Pcts {
    readonly n: number
    readonly p50: number
    readonly p90: number
    readonly p99: number
  }
  interface Round {
    readonly msgPerSec: number
    readonly n: number
    readonly ms: number
    readonly errors: number
    /** CPU of the sending/handling processes per message: the SQL client, or both pods. */
    readonly cpuMsPerMsg: number
  }
  interface Throughput {
    readonly kind: Kind
    readonly name: string
    readonly rounds: ReadonlyArray<Round>
    /** Request → reply, all rounds pooled; for the cluster also split by where the entity lived. */
    readonly latency: Pcts
    readonly same?: Pcts
    readonly cross?: Pcts
  }
  type Phase = "fresh" | "after load"
  interface Latency {
    readonly target: "volatile" | "generated" | "raw"
    readonly phase: Phase
    readonly name: string
    readonly same: Pcts
    readonly cross: Pcts
  }
}
