/**
 * The pods' log lines as the demo reads them: every line a pod prints (JSON from `LOG_FORMAT=json`, else as
 * is), numbered, awaitable and optionally echoed. It only observes; it never decides what a pod logs.
 */
import * as Console from "effect/Console"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"

/** What `Logger.json` prints, as far as the demo needs it. */
const _Entry = Schema.parseJson(Schema.Struct({ message: Schema.Unknown, logLevel: Schema.String, timestamp: Schema.String }))

/** The most lines kept (a `--serve` session runs for hours); awaits look at recent lines only. */
const _keep = 5000

const _parse = (pod: string, seq: number, raw: string): Journal.Line =>
  Either.match(Schema.decodeUnknownEither(_Entry)(raw), {
    onLeft: () => ({ seq, pod, time: "", level: "", message: raw }),
    onRight: (e) => ({
      seq,
      pod,
      time: e.timestamp.slice(11, 23),
      level: e.logLevel,
      message: typeof e.message === "string" ? e.message : JSON.stringify(e.message)
    })
  })

const _show = (l: Journal.Line): string => `${l.pod} │ ${l.time === "" ? "" : `${l.time} ${l.level.padEnd(5)} `}${l.message}`

/** An empty journal. */
const make: Effect.Effect<Journal> = Effect.gen(function*() {
  const lines = yield* SubscriptionRef.make<ReadonlyArray<Journal.Line>>([])
  const seq = yield* Ref.make(0)
  const echo = yield* Ref.make(false)
  const add = (pod: string, raw: string) =>
    Ref.getAndUpdate(seq, (n) => n + 1).pipe(
      Effect.map((n) => _parse(pod, n, raw)),
      Effect.tap((line) => SubscriptionRef.update(lines, (all) => [...all.slice(-(_keep - 1)), line])),
      Effect.flatMap((line) => Effect.whenEffect(Console.log(_show(line)), Ref.get(echo))),
      Effect.asVoid
    )
  const next = Ref.get(seq)
  const wait = (
    predicate: (line: Journal.Line) => boolean,
    options: { readonly count?: number; readonly since?: number; readonly timeout?: Duration.DurationInput } = {}
  ) =>
    lines.changes.pipe(
      Stream.map((all) => all.filter((l) => l.seq >= (options.since ?? 0) && predicate(l))),
      Stream.filter((found) => found.length >= (options.count ?? 1)),
      Stream.runHead,
      Effect.flatten,
      Effect.timeoutFail({
        duration: options.timeout ?? "10 seconds",
        onTimeout: () => new Error(`no such pod log line within ${String(options.timeout ?? "10 seconds")}`)
      }),
      Effect.orDie
    )
  const tail = (pod: string, n: number) =>
    SubscriptionRef.get(lines).pipe(Effect.map((all) => all.filter((l) => l.pod === pod).slice(-n).map(_show).join("\n")))
  return { add, next, wait, tail, echo: Ref.set(echo, true) }
})

/** `Journal.make`: the demo's record of what its pods print. */
export const Journal = { make } as const

export interface Journal {
  /** Record one line printed by `pod` (echoed once `echo` has run). */
  readonly add: (pod: string, raw: string) => Effect.Effect<void>
  /** The number the next line will get: pass it as `since` to wait only for lines printed from now on. */
  readonly next: Effect.Effect<number>
  /** The first `count` (default 1) lines matching `predicate`, once they are there; dies after `timeout`. */
  readonly wait: (
    predicate: (line: Journal.Line) => boolean,
    options?: { readonly count?: number; readonly since?: number; readonly timeout?: Duration.DurationInput }
  ) => Effect.Effect<ReadonlyArray<Journal.Line>>
  /** The last `n` lines of one pod, formatted: for failure reports. */
  readonly tail: (pod: string, n: number) => Effect.Effect<string>
  /** From now on, print every new line as `pod │ time LEVEL message`. */
  readonly echo: Effect.Effect<void>
}

export declare namespace Journal {
  interface Line {
    readonly seq: number
    readonly pod: string
    /** `HH:MM:SS.mmm` (UTC), empty for a line that was not a JSON log entry. */
    readonly time: string
    readonly level: string
    readonly message: string
  }
}
