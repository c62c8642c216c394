/**
 * Formats the codegen benchmark's results: the printed table, the goal lines and the JSON document.
 * Pure: it measures nothing and never fails the process on a missed goal.
 */
import type { Proc } from "./_proc.js"

const _goalColdMs = 1000
const _goalTscRatio = 1.2

const _ms = (x: number): string => x.toFixed(0)
const _x = (x: number): string => `${x.toFixed(2)}×`
const _verdict = (ok: boolean): string => ok ? "PASS" : "FAIL"

const _columns = ["N", "cold ms", "×floor", "discover", "load", "ir", "emit", "write", "fs floor", "unchanged-run ms", "check ms"]

const _cells = (r: Report.Size): ReadonlyArray<string> => [
  String(r.n),
  _ms(r.cold.median),
  _x(r.ratio),
  _ms(r.coldPhases.discover),
  _ms(r.coldPhases.load),
  _ms(r.coldPhases.ir),
  _ms(r.coldPhases.emit),
  _ms(r.coldPhases.write),
  _ms(r.writeFloor.median),
  _ms(r.unchanged.median),
  _ms(r.check.median)
]

const _table = (rows: ReadonlyArray<Report.Size>): ReadonlyArray<string> => {
  const cells = [_columns, ...rows.map(_cells)]
  const widths = _columns.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)))
  const line = (row: ReadonlyArray<string>) => `| ${row.map((v, c) => v.padStart(widths[c]!)).join(" | ")} |`
  return [line(_columns), `|${widths.map((w) => "-".repeat(w + 1) + ":").join("|")}|`, ...rows.map((r) => line(_cells(r)))]
}

const _sum = (t: Proc.Timings): number => t.discover + t.load + t.ir + t.emit + t.write

/** The lines printed on stdout. */
const lines = (r: Report): ReadonlyArray<string> => {
  const cold50 = r.sizes.find((s) => s.n === 50)
  return [
    `codegen benchmark: node ${r.node}, ${r.cpus} cpu(s), median of ${r.runs} run(s) per measurement`,
    `floor: node -e "import('effect')" ${_ms(r.floor.median)} ms, cpu ${_ms(r.floorCpu.median)} ms (per N: ${
      r.sizes.map((s) => `${s.n}→${_ms(s.floor.median)}`).join(", ")
    }); tsx startup (node --import tsx -e 0) ${_ms(r.tsx.median)} ms`,
    "×floor = cold ms / the floor measured in the same N's runs; phases are the generator's --timings (cold run);",
    "fs floor = the same output files written plainly and synchronously on the same file system, in the same run",
    "",
    ..._table(r.sizes),
    "",
    ...r.failures.map((f) => `${f.what}: FAILED: ${f.message}`),
    ...r.sizes.map((s) =>
      `N=${s.n}: ${s.files} files; cold cpu ${_ms(s.coldCpu.median)} ms (${_x(s.cpuRatio)} floor cpu); ` +
      `nothing-changed run wrote nothing, cpu ${_ms(s.unchangedCpu.median)} ms, phases ${_ms(_sum(s.unchangedPhases))} ms ` +
      `(fresh process; the ≤ 150 ms watch-mode goal needs a warm one)`
    ),
    r.tsc === undefined
      ? "tsc: not measured"
      : `tsc --noEmit (N=${r.tsc.n}): contracts alone ${_ms(r.tsc.contracts.median)} ms, contracts + generated + handlers ` +
        `${_ms(r.tsc.all.median)} ms → ${_x(r.tsc.ratio)} (goal ≤ ${_goalTscRatio}×): ${_verdict(r.tsc.ratio <= _goalTscRatio)}; ` +
        `by cpu ${_ms(r.tsc.contractsCpu.median)} → ${_ms(r.tsc.allCpu.median)} ms = ${_x(r.tsc.cpuRatio)}`,
    cold50 === undefined
      ? "50 contracts cold ≤ 1000 ms: not measured"
      : `50 contracts cold ≤ ${_goalColdMs} ms: ${_verdict(cold50.cold.median <= _goalColdMs)} ` +
        `(${_ms(cold50.cold.median)} ms; ratio ${_x(cold50.ratio)} floor, ${_x(cold50.cpuRatio)} by cpu)`
  ]
}

/** The JSON document written to `.bench/codegen.json`. */
const json = (r: Report) => {
  const cold50 = r.sizes.find((s) => s.n === 50)
  return {
    ...r,
    goals: {
      cold50: cold50 === undefined
        ? null
        : {
          goalMs: _goalColdMs,
          ms: cold50.cold.median,
          ratio: cold50.ratio,
          cpuRatio: cold50.cpuRatio,
          pass: cold50.cold.median <= _goalColdMs
        },
      tsc: r.tsc === undefined
        ? null
        : { goalRatio: _goalTscRatio, ratio: r.tsc.ratio, cpuRatio: r.tsc.cpuRatio, pass: r.tsc.ratio <= _goalTscRatio }
    }
  }
}

export const Report = { lines, json } as const

/** Everything one benchmark run measured; times in milliseconds. */
export interface Report {
  readonly date: string
  readonly node: string
  readonly cpus: number
  readonly runs: number
  readonly floor: Proc.Summary
  readonly floorCpu: Proc.Summary
  readonly tsx: Proc.Summary
  readonly sizes: ReadonlyArray<Report.Size>
  /** Codegen sizes or the tsc measurement that failed (the process then exits non-zero after reporting). */
  readonly failures: ReadonlyArray<{ readonly what: string; readonly message: string }>
  readonly tsc: Report.Tsc | undefined
}

export declare namespace Report {
  interface Size {
    readonly n: number
    readonly files: number
    readonly floor: Proc.Summary
    readonly cold: Proc.Summary
    /** cold median / floor median of the same N. */
    readonly ratio: number
    /** CPU time of the child processes (user + system): less sensitive to noisy neighbours. */
    readonly floorCpu: Proc.Summary
    readonly coldCpu: Proc.Summary
    readonly cpuRatio: number
    readonly coldPhases: Proc.Timings
    /** Writing the same output files plainly (sync, no comparison) on the same file system. */
    readonly writeFloor: Proc.Summary
    readonly unchanged: Proc.Summary
    readonly unchangedCpu: Proc.Summary
    readonly unchangedPhases: Proc.Timings
    readonly check: Proc.Summary
    readonly checkPhases: Proc.Timings
  }
  interface Tsc {
    readonly n: number
    readonly contracts: Proc.Summary
    readonly all: Proc.Summary
    readonly ratio: number
    readonly contractsCpu: Proc.Summary
    readonly allCpu: Proc.Summary
    readonly cpuRatio: number
  }
}
