/**
 * Formats `bench:jobs` results: the printed table and the JSON document. Pure: it measures nothing and
 * judges nothing beyond putting the numbers next to each other.
 */
import { ClusterReport } from "./_clusterReport.js"

const _f = (x: number, digits = 1): string => Number.isNaN(x) ? "–" : x.toFixed(digits)

const _table = (columns: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => {
  const cells = [columns, ...rows]
  const widths = columns.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)))
  const line = (row: ReadonlyArray<string>) => `| ${row.map((v, c) => c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!)).join(" | ")} |`
  return [line(columns), `|${widths.map((w, c) => c === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":").join("|")}|`, ...rows.map(line)]
}

/** Start latency percentiles plus the worst sample. */
const latency = (xs: ReadonlyArray<number>): JobsReport.Latency => ({
  ...ClusterReport.pcts(xs),
  max: xs.length === 0 ? Number.NaN : Math.max(...xs)
})

const _median = (xs: ReadonlyArray<number>) => ClusterReport.median(xs)

const _rows = (r: JobsReport) =>
  r.rows.map((row) => [
    row.name,
    _f(row.latency.p50),
    _f(row.latency.p90),
    _f(row.latency.p99),
    _f(row.latency.max),
    String(row.latency.n),
    _f(_median(row.rounds.map((x) => x.jobsPerSec)), 0),
    row.rounds.map((x) => _f(x.jobsPerSec, 0)).join(" / "),
    _f(_median(row.rounds.map((x) => x.enqueuePerSec)), 0),
    _f(_median(row.rounds.map((x) => x.cpuMsPerJob)), 2),
    _f(_median(row.rounds.map((x) => x.dbCpuMsPerJob)), 2),
    _f(row.idleCpuMsPerSec, 0),
    _f(row.idleDbCpuMsPerSec, 0)
  ])

/** The lines printed on stdout. */
const lines = (r: JobsReport): ReadonlyArray<string> => {
  const jobs = r.rows.find((x) => x.kind === "jobs")
  const ratio = (row: JobsReport.Row) =>
    `${row.name}: start p50 ${_f(row.latency.p50)} ms, p99 ${_f(row.latency.p99)} ms; throughput ` +
    `${_f(_median(row.rounds.map((x) => x.jobsPerSec)) / _median(jobs?.rounds.map((x) => x.jobsPerSec) ?? []), 2)}× Jobs'`
  return [
    `jobs benchmark: node ${r.node}, ${r.cpus} cpu(s), PostgreSQL ${r.server}; 2 pods (Jobs) / 2 worker processes (polling), ` +
    `at most ${r.concurrency} jobs at once in each; ${r.rounds} round(s) interleaved`,
    `latency: enqueue → handler start, ${r.latencyJobs} jobs from each of 2 enqueuers one at a time ${r.gapMs} ms apart;`,
    `throughput: ${r.burst} jobs enqueued at once (${r.enqueueConcurrency} in flight per enqueuer), first enqueue → last start;`,
    "cpu = the pods' processes (Jobs, entity) or the workers' + enqueuer's (polling); db cpu = the PostgreSQL server's",
    `processes (embedded server only; the 2 pods stay up throughout, so every row's db figures include their idle load, the`,
    `Jobs row's idle db ms/s); idle = the same with no jobs for ${r.idleSeconds} s; jobs/s = median round (nearest rank)`,
    "",
    ..._table(
      ["queue", "start p50 ms", "p90", "p99", "max", "n", "jobs/s", "per round", "enqueue/s", "cpu ms/job", "db cpu ms/job", "idle cpu ms/s", "idle db ms/s"],
      _rows(r)
    ),
    "",
    ...r.rows.filter((x) => x.kind !== "jobs").map(ratio)
  ]
}

/** The JSON document written to `.bench/jobs.json`. */
const json = (r: JobsReport) => r

export const JobsReport = { latency, lines, json } as const

/** Everything one `bench:jobs` run measured; times in milliseconds. */
export interface JobsReport {
  readonly date: string
  readonly node: string
  readonly cpus: number
  readonly server: string
  /** Jobs at once per system: 16 partitions × 1 (Jobs), 2 processes × 8 workers (polling). */
  readonly concurrency: number
  readonly rounds: number
  readonly latencyJobs: number
  readonly gapMs: number
  readonly burst: number
  readonly enqueueConcurrency: number
  readonly idleSeconds: number
  readonly rows: ReadonlyArray<JobsReport.Row>
}

export declare namespace JobsReport {
  interface Latency {
    readonly n: number
    readonly p50: number
    readonly p90: number
    readonly p99: number
    readonly max: number
  }
  interface Round {
    readonly jobsPerSec: number
    readonly enqueuePerSec: number
    readonly cpuMsPerJob: number
    /** The PostgreSQL server's CPU per job (NaN unless this run started the server). */
    readonly dbCpuMsPerJob: number
  }
  interface Row {
    /** `jobs`, or `poll-<ms>` for the SKIP LOCKED baseline polling every <ms> ms when idle. */
    readonly kind: string
    readonly name: string
    readonly latency: Latency
    readonly rounds: ReadonlyArray<Round>
    readonly idleCpuMsPerSec: number
    readonly idleDbCpuMsPerSec: number
  }
}
