/**
 * The cluster benchmark's instruments inside a pod: a V8 CPU profile of one load window (the in-process
 * inspector, so start-up and other phases stay out) and a count of SQL round trips by statement.
 */
import * as Effect from "effect/Effect"
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector"
import { createRequire } from "node:module"

/** Statement text → round trips, while counting is on (`BENCH_SQL_COUNT=1` in the pod's environment). */
const _counts = new Map<string, number>()

/** A statement's kind: its first words with literals and whitespace squeezed (the text is parameterised). */
const _key = (text: string) => text.slice(0, 160).replace(/\s+/g, " ").trim().slice(0, 90)

const _textOf = (config: unknown): string =>
  typeof config === "string"
    ? config
    : typeof config === "object" && config !== null && "text" in config && typeof config.text === "string"
    ? config.text
    : "(other)"

/** Wrap node-postgres' `Client.query` (what @effect/sql-pg calls for every statement) once, when enabled. */
const _install = () => {
  const pg = createRequire(import.meta.url)("pg") as { Client: { prototype: { query: (...args: Array<unknown>) => unknown } } }
  const proto = pg.Client.prototype
  const query = proto.query
  proto.query = function(this: unknown, ...args: Array<unknown>) {
    const key = _key(_textOf(args[0]))
    _counts.set(key, (_counts.get(key) ?? 0) + 1)
    return query.apply(this, args)
  }
}

if (process.env["BENCH_SQL_COUNT"] === "1") _install()

/** Round trips by statement since the last call (and reset). Empty unless counting is on. */
const takeSqlCounts = Effect.sync(() => {
  const out = Object.fromEntries(_counts)
  _counts.clear()
  return out
})

const _post = <A>(session: Session, method: string, params: object = {}) =>
  Effect.async<A, Error>((resume) => {
    session.post(method, params, (err, result) => resume(err ? Effect.fail(err) : Effect.succeed(result as A)))
  })

/**
 * Run `effect` under the V8 sampling profiler (1 ms, as `--cpu-prof`) and write the profile to `path` (Chrome DevTools
 * `.cpuprofile` JSON). With no path, just run it.
 */
const profiled = <A, E, R>(path: string | undefined, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | Error, R> =>
  path === undefined || path === ""
    ? effect
    : Effect.acquireUseRelease(
      Effect.sync(() => {
        const session = new Session()
        session.connect()
        return session
      }).pipe(
        Effect.tap((s) => _post(s, "Profiler.enable")),
        Effect.tap((s) => _post(s, "Profiler.setSamplingInterval", { interval: 1000 })),
        Effect.tap((s) => _post(s, "Profiler.start"))
      ),
      () => effect,
      (s) =>
        _post<{ profile: object }>(s, "Profiler.stop").pipe(
          Effect.flatMap(({ profile }) => Effect.sync(() => writeFileSync(path, JSON.stringify(profile)))),
          Effect.ensuring(Effect.sync(() => s.disconnect())),
          Effect.orDie
        )
    )

export const BenchProbe = { profiled, takeSqlCounts } as const
