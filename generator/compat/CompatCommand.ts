/**
 * The `codegen lock` and `codegen compat` commands: read the lockfile and the contracts, compare, print,
 * and (lock only) write the lockfile. Each succeeds with an exit code: 0 ok, 1 breaking, 2 usage or load error.
 */
import * as Path from "@effect/platform/Path"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type { Config } from "../Config.js"
import { Pipeline } from "../Pipeline.js"
import { Compat } from "./Compat.js"
import { Lockfile } from "./Lockfile.js"
import { Report } from "./Report.js"
import { Slots } from "./Slots.js"

const _usage = (message: string) => Console.error(`codegen: ${message}`).pipe(Effect.as(2))

const _lockfileError = (cwd: string) => (e: Lockfile.Error) =>
  Path.Path.pipe(Effect.flatMap((path) => _usage(`${path.relative(cwd, e.file)}: ${e.message}`)))

const _current = (paths: Config.Full) => Pipeline.ir(paths, new Map()).pipe(Effect.map(Slots.fromIr))

/** `codegen compat`: the current contracts against the lockfile; exit 1 when anything unaccepted breaks. */
const compat = (paths: Config.Full, format: Report.Format) =>
  Effect.gen(function*() {
    const path = yield* Path.Path
    const lockfile = path.relative(paths.cwd, paths.lock)
    const lock = yield* Lockfile.read(paths.lock)
    const slots = lock === undefined ? [] : yield* _current(paths)
    const result = lock === undefined ? undefined : Compat.compare(lock, slots, paths.compat)
    return result === undefined
      ? yield* _usage(`no lockfile at ${lockfile}: record the current contracts with \`npx codegen lock\` and commit it`)
      : yield* Console.log(Report[format]({ ...result, lockfile }).trimEnd()).pipe(Effect.as(result.verdict === "breaking" ? 1 : 0))
  }).pipe(Effect.catchTag("LockfileError", _lockfileError(paths.cwd)))

const _count = (previous: Lockfile | undefined, slots: ReadonlyArray<Slots.Slot>) => {
  const before = previous?.schemas ?? {}
  const added = slots.filter((s) => before[s.path] === undefined || before[s.path]!.removed === true).length
  const changed = slots.filter((s) => {
    const e = before[s.path]
    return e !== undefined && e.removed !== true && Lockfile.canonical(Lockfile.form(s)) !== Lockfile.canonical(Lockfile.form(e))
  }).length
  const now = new Set(slots.map((s) => s.path))
  const removed = Object.entries(before).filter(([p, e]) => e.removed !== true && !now.has(p)).length
  return `${slots.length} slot(s): ${added} new, ${changed} changed, ${removed} removed`
}

/**
 * `codegen lock`: record the current contracts. Refuses (exit 1, writes nothing) while a breaking change
 * against the lockfile is not accepted; `--accept <path> --reason "…"` acknowledges the ones under `path`.
 */
const lock = (paths: Config.Full, accept: ReadonlyArray<string>, reason: string | undefined) =>
  Effect.gen(function*() {
    const path = yield* Path.Path
    const lockfile = path.relative(paths.cwd, paths.lock)
    const usage = accept.length > 0 && (reason ?? "").trim() === ""
      ? "--accept needs --reason \"why this break is acceptable\""
      : accept.length === 0 && reason !== undefined
      ? "--reason only goes with --accept <path>"
      : undefined
    const previous = usage === undefined ? yield* Lockfile.read(paths.lock) : undefined
    const slots = usage === undefined ? yield* _current(paths) : []
    const result = previous === undefined ? undefined : Compat.compare(previous, slots, paths.compat)
    const breaking = (result?.findings ?? []).filter((f) => f.severity === "breaking")
    const covered = (f: Compat.Finding) => accept.some((p) => Compat.covers(f.path, p))
    const unmatched = accept.filter((p) => !breaking.some((f) => Compat.covers(f.path, p)))
    const refused = breaking.filter((f) => !covered(f))
    const acks = breaking.filter(covered).map((f): Lockfile.Ack => ({
      slot: f.slot,
      path: f.path,
      rule: f.rule,
      message: f.message,
      reason: reason ?? "",
      from: f.from,
      to: f.to
    }))
    return usage !== undefined
      ? yield* _usage(usage)
      : unmatched.length > 0
      ? yield* _usage(
        `nothing breaking to accept at ${unmatched.join(", ")}; breaking findings: ${breaking.map((f) => f.path).join(", ") || "none"}`
      )
      : refused.length > 0
      ? yield* Console.error([
        Report.text({ ...result!, findings: refused, lockfile }),
        "",
        `codegen lock: ${refused.length} breaking change(s) not accepted; ${lockfile} was not written.`,
        "Make them compatible, or acknowledge each with `npx codegen lock --accept <path> --reason \"…\"`."
      ].join("\n")).pipe(Effect.as(1))
      : yield* Lockfile.write(paths.lock, Lockfile.record(previous, slots, acks)).pipe(
        Effect.zipRight(Console.log(`codegen lock: recorded ${_count(previous, slots)} in ${lockfile}${acks.length === 0 ? "" : `; accepted ${acks.length} break(s)`}`)),
        Effect.as(0)
      )
  }).pipe(Effect.catchTag("LockfileError", _lockfileError(paths.cwd)))

export const CompatCommand = { compat, lock } as const
