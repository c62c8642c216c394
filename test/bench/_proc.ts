/**
 * Benchmark helpers: run a `node` child process and time it (wall clock and its own CPU), take medians,
 * parse the generator's `--timings` line. Measures only; it never decides whether a goal is met.
 */
import * as Command from "@effect/platform/Command"
import type { PlatformError } from "@effect/platform/Error"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/** A measurement could not be taken: a child process failed or printed something unexpected. */
class _BenchError extends Data.TaggedError("BenchError")<{ readonly message: string }> {}

const fail = (message: string) => Effect.fail(new _BenchError({ message }))

const _text = (s: Stream.Stream<Uint8Array, PlatformError>) => s.pipe(Stream.decodeText(), Stream.mkString)

/**
 * Preloaded into every measured `node`: prints the process's own CPU time (all its threads) on exit. CPU
 * time suffers far less than wall time from noisy neighbours, so it is reported beside it.
 */
const _cpuProbe = `data:text/javascript,${
  encodeURIComponent(
    "process.on(\"exit\", () => { const u = process.cpuUsage(); " +
      "process.stderr.write(JSON.stringify({ cpuMs: (u.user + u.system) / 1000 }) + \"\\n\") })"
  )
}`

const _cpuMs = (stderr: string): number => {
  const m = /^\{"cpuMs":([\d.]+)\}$/m.exec(stderr)
  return m === null ? Number.NaN : Number(m[1])
}

const _run = (cwd: string, cmd: string, args: ReadonlyArray<string>) =>
  Effect.scoped(Effect.gen(function*() {
    const t0 = yield* Clock.currentTimeNanos
    const proc = yield* Command.start(Command.make(cmd, ...args).pipe(Command.workingDirectory(cwd)))
    const [stdout, stderr, exitCode] = yield* Effect.all([_text(proc.stdout), _text(proc.stderr), proc.exitCode], {
      concurrency: "unbounded"
    })
    const t1 = yield* Clock.currentTimeNanos
    const run: Proc.Run = { ms: Number(t1 - t0) / 1e6, cpuMs: _cpuMs(stderr), exitCode: Number(exitCode), stdout, stderr }
    return run
  })).pipe(
    Effect.timeoutFail({ duration: "10 minutes", onTimeout: () => new _BenchError({ message: "timed out after 10 minutes" }) }),
    Effect.mapError((e) => new _BenchError({ message: `${cmd} ${args.slice(2).join(" ")}: ${e.message}` }))
  )

/** Run `node args` in `cwd` to completion; wall time covers spawn to exit with both pipes drained. */
const node = (cwd: string, args: ReadonlyArray<string>) => _run(cwd, process.execPath, ["--import", _cpuProbe, ...args])

const _tail = (text: string): string =>
  text.trim().split("\n").filter((l) => !l.startsWith("{\"cpuMs\"")).slice(-15).join("\n")

const _firstError = (r: Proc.Run): string =>
  [...r.stderr.split("\n"), ...r.stdout.split("\n")].map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("{\"")) ??
    "no output"

/** Fail unless the run exited 0 and its stdout contains `expect`. */
const expect = (what: string, r: Proc.Run, expected: string) =>
  r.exitCode === 0 && r.stdout.includes(expected)
    ? Effect.succeed(r)
    : Effect.fail(
      new _BenchError({
        message: `${what}: exit ${r.exitCode}: ${_firstError(r)}\n` +
          `(expected exit 0 and "${expected}" on stdout)\n--- stdout\n${_tail(r.stdout)}\n--- stderr\n${_tail(r.stderr)}`
      })
    )

const _Timings = Schema.Struct({
  discover: Schema.Number,
  load: Schema.Number,
  ir: Schema.Number,
  emit: Schema.Number,
  write: Schema.Number
})
const _decodeLine = Schema.decodeUnknown(Schema.parseJson(Schema.Struct({ timings: _Timings })))

/** The `{"timings":{…}}` line a `--timings` run prints on stderr. */
const timings = (what: string, r: Proc.Run) =>
  Effect.fromNullable(r.stderr.split("\n").find((l) => l.startsWith("{\"timings\""))).pipe(
    Effect.flatMap(_decodeLine),
    Effect.map((line) => line.timings),
    Effect.mapError(() => new _BenchError({ message: `${what}: no timings JSON on stderr\n${_tail(r.stderr)}` }))
  )

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Samples and their median, rounded to 0.1 ms for the JSON report. */
const summary = (samples: ReadonlyArray<number>): Proc.Summary => ({
  median: Math.round(median(samples) * 10) / 10,
  samples: samples.map((x) => Math.round(x * 10) / 10)
})

/** Median of each phase over several `--timings` runs. */
const phases = (all: ReadonlyArray<Proc.Timings>): Proc.Timings => ({
  discover: median(all.map((t) => t.discover)),
  load: median(all.map((t) => t.load)),
  ir: median(all.map((t) => t.ir)),
  emit: median(all.map((t) => t.emit)),
  write: median(all.map((t) => t.write))
})

export const Proc = { node, expect, fail, timings, median, summary, phases } as const

export declare namespace Proc {
  interface Run {
    /** Wall-clock milliseconds, spawn to exit. */
    readonly ms: number
    /** CPU milliseconds of the child process (user + system, all threads); NaN if it did not report. */
    readonly cpuMs: number
    readonly exitCode: number
    readonly stdout: string
    readonly stderr: string
  }
  interface Summary {
    readonly median: number
    readonly samples: ReadonlyArray<number>
  }
  type Timings = typeof _Timings.Type
}
