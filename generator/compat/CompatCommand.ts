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

const _current = (paths: Config.Full) => Pipeline.ir(paths, new Map()).pipe(Effect.map((ir) => ({ slots: Slots.fromIr(ir), contracts: Slots.contracts(ir) })))

/** The comparison, with every finding placed in a file relative to the working directory. */
const _compare = (paths: Config.Full, lock: Lockfile, current: Effect.Effect.Success<ReturnType<typeof _current>>) =>
  Path.Path.pipe(Effect.map((path) => {
    const result = Compat.compare(lock, current.slots, { ...paths.compat, contracts: current.contracts, lockfile: paths.lock })
    const rel = <A extends { readonly file: string }>(o: A): A => ({ ...o, file: path.relative(paths.cwd, o.file) })
    return { ...result, findings: result.findings.map((f) => ({ ...rel(f), affects: f.affects.map(rel) })) }
  }))

/** `npx codegen lock`, with the `--contracts` and `--lock` a run needs to find what this one read. */
const _lockCommand = (paths: Config.Full) =>
  Path.Path.pipe(Effect.map((path) => {
    const contracts = path.relative(paths.cwd, paths.contracts)
    const lock = path.relative(paths.cwd, paths.lock)
    return [
      "npx codegen lock",
      ...(contracts === "contracts" ? [] : [`--contracts ${Report.quote(contracts || ".")}`]),
      ...(paths.lock === path.join(path.dirname(paths.contracts), "contracts.lock.json") ? [] : [`--lock ${Report.quote(lock)}`])
    ].join(" ")
  }))

/** `codegen compat`: the current contracts against the lockfile; exit 1 when anything unaccepted breaks. */
const compat = (paths: Config.Full, format: Report.Format) =>
  Effect.gen(function*() {
    const path = yield* Path.Path
    const lockfile = path.relative(paths.cwd, paths.lock)
    const lock = yield* Lockfile.read(paths.lock)
    const result = lock === undefined ? undefined : yield* _compare(paths, lock, yield* _current(paths))
    const command = yield* _lockCommand(paths)
    return result === undefined
      ? yield* _usage(`no lockfile at ${lockfile}: record the current contracts with \`npx codegen lock\` and commit it`)
      : yield* Console.log(Report[format]({ ...result, lockfile, command }).trimEnd()).pipe(Effect.as(result.verdict === "breaking" ? 1 : 0))
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
    const current = usage === undefined ? yield* _current(paths) : { slots: [], contracts: new Map() }
    const slots = current.slots
    const result = previous === undefined ? undefined : yield* _compare(paths, previous, current)
    const command = yield* _lockCommand(paths)
    const breaking = (result?.findings ?? []).filter((f) => f.severity === "breaking")
    // A finding is acknowledged occurrence by occurrence: each slot it affects keeps its own wire hashes.
    const covered = (o: Compat.Occurrence) => accept.some((p) => Compat.covers(o.path, p))
    const unmatched = accept.filter((p) => !breaking.some((f) => f.affects.some((o) => Compat.covers(o.path, p))))
    const refused = breaking.flatMap((f) => {
      const left = f.affects.filter((o) => !covered(o))
      return left.length === 0 ? [] : [{ ...f, ...left[0]!, affects: left }]
    })
    const acks = breaking.flatMap((f) => f.affects.filter(covered).map((o): Lockfile.Ack => ({
      slot: o.slot,
      path: o.path,
      rule: f.rule,
      message: f.message,
      reason: reason ?? "",
      from: o.from,
      to: o.to
    })))
    return usage !== undefined
      ? yield* _usage(usage)
      : unmatched.length > 0
      ? yield* _usage(
        `nothing breaking to accept at ${unmatched.join(", ")}; breaking findings: ${breaking.flatMap((f) => f.affects.map((o) => o.path)).join(", ") || "none"}`
      )
      : refused.length > 0
      ? yield* Console.error([
        Report.text({ ...result!, findings: refused, lockfile, command }),
        "",
        `codegen lock: ${refused.length} breaking change(s) not accepted; ${lockfile} was not written.`,
        "Make them compatible, or acknowledge them in one run: the `accept:` line under each (or `accept all:`) gives the command."
      ].join("\n")).pipe(Effect.as(1))
      : yield* Lockfile.write(paths.lock, Lockfile.record(previous, slots, acks)).pipe(
        Effect.zipRight(Console.log(`codegen lock: recorded ${_count(previous, slots)} in ${lockfile}${acks.length === 0 ? "" : `; accepted ${acks.length} break(s)`}`)),
        Effect.as(0)
      )
  }).pipe(Effect.catchTag("LockfileError", _lockfileError(paths.cwd)))

export const CompatCommand = { compat, lock } as const
