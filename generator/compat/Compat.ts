/**
 * Compares current contracts with the lockfile: every rule over every slot in its role's directions,
 * workflow payloads against every recorded version, acknowledgements applied, one finding per change
 * (Changes.ts) placed at its declaration. Pure; reads and writes nothing.
 */
import { Canonical } from "./walk/Canonical.js"
import { Changes } from "./Changes.js"
import { Lockfile } from "./Lockfile.js"
import { Rule } from "./Rule.js"
import { Rules } from "./Rules.js"
import { Slots } from "./Slots.js"
import { Walk } from "./walk/Walk.js"

type _Slot = Slots.Slot
type _Entry = Lockfile.Entry & { readonly path: string }
type _Options = {
  readonly validationChanged: "warning" | "error"
  readonly rules?: ReadonlyArray<Rule>
  /** Each contract's file and `export default` line, for declarations removed from a contract that remains. */
  readonly contracts?: ReadonlyMap<string, Slots.At>
  /** The lockfile, where declarations of a removed contract are reported; default `contracts.lock.json`. */
  readonly lockfile?: string
}

const _direction = { 1: "backward", 2: "forward", 3: "full" } as const

const _under = (path: string, prefix: string): boolean =>
  path === prefix || [".", "(", "[", "<"].some((c) => path.startsWith(`${prefix}${c}`))

const _slotOf = (e: _Entry): _Slot => ({ path: e.path, owner: Slots.owner(e.path, e.role), role: e.role, stream: e.stream === true, encoded: e.encoded, type: e.type })

interface _Raw extends Walk.Raw {
  readonly slot: string
  readonly role: Slots.Role
  readonly transitive: boolean
  readonly from: string
  readonly to: string
}

/** The reader of a workflow's payload: the union of its current versions, newest first (as generated). */
const _reader = (versions: ReadonlyArray<_Slot>) => {
  const encoded: Rule.Node = { _tag: "Union", members: [...versions].reverse().map((v) => v.encoded) }
  return { encoded, hash: Lockfile.hash(encoded) }
}

const _toHit = (options: _Options, where: (slot: string, role: Slots.Role) => Slots.At) => (r: _Raw): Changes.Hit => {
  const type = r.rule.categories.includes("TYPE")
  const severity = r.rule.id === "VALIDATION_CHANGED" && options.validationChanged === "error" ? "breaking" : r.rule.severity
  return {
    rule: r.rule.id,
    severity,
    path: r.hit.path,
    slot: r.slot,
    role: r.role,
    direction: type ? "type" : r.transitive ? "backward-transitive" : _direction[r.hit.breaks as 1 | 2 | 3],
    message: r.hit.message,
    why: r.hit.why,
    fix: r.hit.fix,
    from: r.from,
    to: r.to,
    trail: r.trail,
    ...where(r.slot, r.role)
  }
}

/**
 * Where a finding in `slot` is declared now: the slot's declaration, else its declaration's (a version or
 * part gone), else its contract's `export default` (the declaration is gone), else the lockfile entry.
 */
const _where = (lock: Lockfile, slots: ReadonlyArray<_Slot>, options: _Options) => {
  const at = new Map(slots.flatMap((s) => s.file === undefined ? [] : [[s.path, { file: s.file, line: s.line ?? 1 }] as const]))
  const owners = new Map([...slots].reverse().flatMap((s) => at.has(s.path) ? [[s.owner, at.get(s.path)!] as const] : []))
  const lockfile = options.lockfile ?? "contracts.lock.json"
  const printed: Array<ReadonlyArray<string>> = []
  const lockLine = (slot: string) => {
    printed.length === 0 && printed.push(Lockfile.print(lock).split("\n"))
    const key = JSON.stringify(slot).slice(0, -1)
    return printed[0]!.findIndex((l) => l.startsWith(`    ${key}"`) || l.startsWith(`    ${key}.`)) + 1 || 1
  }
  return (slot: string, role: Slots.Role): Slots.At =>
    at.get(slot) ?? owners.get(slot) ?? owners.get(Slots.owner(slot, role)) ?? options.contracts?.get(slot.split(".")[0]!) ??
      { file: lockfile, line: lockLine(slot) }
}

/** Every finding between the lockfile and the current slots, and the verdict. */
const compare = (lock: Lockfile, slots: ReadonlyArray<_Slot>, options: _Options): Compat.Result => {
  const rules = options.rules ?? Rules
  const entries: ReadonlyArray<_Entry> = Object.entries(lock.schemas).map(([path, e]) => ({ ...e, path }))
  const live = entries.filter((e) => e.removed !== true)
  const now = new Map(slots.map((s) => [s.path, s]))
  const hashes = new Map(slots.map((s) => [s.path, Lockfile.hash(s.encoded)]))
  const before = _group(live.map(_slotOf))
  const after = _group(slots)
  const versionsOf = (owner: string) => (after.get(owner) ?? []).filter((s) => s.role === "workflow-payload")
  const readers = new Map([...after.keys()].flatMap((o) => versionsOf(o).length === 0 ? [] : [[o, _reader(versionsOf(o))] as const]))
  const raws: Array<_Raw> = []
  const push = (slot: string, role: Slots.Role, from: string, to: string, transitive: boolean) => (xs: ReadonlyArray<Walk.Raw>) =>
    xs.forEach((x) => raws.push({ ...x, slot, role, from, to, transitive }))

  const recorded = [...before.keys()]
  const owners = [...new Set([...before.keys(), ...after.keys()])]
  owners.forEach((owner) => {
    const previous = before.get(owner) ?? []
    const current = after.get(owner) ?? []
    const lead = [...previous, ...current]
    const role = (lead.find((s) => s.path.endsWith(".payload") || /\.v\d+$/.test(s.path)) ?? lead[0])!.role
    push(owner, role, "declared", current.length === 0 ? "removed" : "declared", false)(
      Walk.site(rules, { _tag: "Declaration", path: owner, previous, current, recorded }, Rule.both)
    )
  })

  entries.forEach((e) => {
    const s = now.get(e.path)
    const dirs = (Slots.dirs[e.role] | (s === undefined ? 0 : Slots.dirs[s.role])) as Rule.Dirs
    const workflow = e.role === "workflow-payload"
    const typeChanged = s !== undefined && !Canonical.equal(e.type, s.type)
    s !== undefined && e.hash !== hashes.get(s.path) && !workflow &&
      push(s.path, s.role, e.hash, hashes.get(s.path)!, false)(Walk.compare(rules, e.encoded, s.encoded, s.path, dirs))
    s !== undefined && typeChanged &&
      push(s.path, s.role, e.hash, hashes.get(s.path)!, false)(Walk.site(rules, { _tag: "Slot", path: s.path, previous: _slotOf(e), current: s }, dirs))
    const reader = workflow ? readers.get(Slots.owner(e.path, e.role)) : undefined
    const current = new Set(reader === undefined ? [] : versionsOf(Slots.owner(e.path, e.role)).map((v) => hashes.get(v.path)))
    const forms = reader !== undefined ? [e, ...e.history].filter((f) => !current.has(f.hash)) : []
    forms.forEach((f) => push(e.path, "workflow-payload", f.hash, reader!.hash, true)(Walk.compare(rules, f.encoded, reader!.encoded, e.path, Rule.backward)))
  })

  const all = raws.map(_toHit(options, _where(lock, slots, options)))
  const wire = all.filter((f) => f.direction !== "type")
  const kept = all.filter((f) => f.direction !== "type" || !wire.some((w) => w.slot === f.slot && (_under(f.path, w.path) || _under(w.path, f.path))))
  const unique = [...new Map(kept.map((f) => [Lockfile.canonical([f.rule, f.path, f.from, f.message]), f])).values()]
  // A recorded workflow payload accepted as no longer decodable stays accepted when versions are added later.
  const acked = (f: Changes.Hit) =>
    lock.acknowledgements.find((a) =>
      a.path === f.path && a.rule === f.rule && a.from === f.from && (a.to === f.to || f.direction === "backward-transitive")
    )
  const findings = Changes.fold(unique.filter((f) => acked(f) === undefined)).slice().sort((a, b) =>
    a.severity !== b.severity ? (a.severity === "breaking" ? -1 : 1) : a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule < b.rule ? -1 : 1
  )
  const toOf = (slot: string) => {
    const entry = lock.schemas[slot]
    const owner = entry === undefined ? slot : Slots.owner(slot, entry.role)
    return entry?.role === "workflow-payload" ? readers.get(owner)?.hash : hashes.get(slot) ?? (after.has(slot) ? "declared" : "removed")
  }
  const matched = new Set(unique.flatMap((f) => acked(f) ?? []))
  const accepted = lock.acknowledgements.filter((a) => matched.has(a) || a.to === toOf(a.slot))
  const unlocked = slots.filter((s) => lock.schemas[s.path] === undefined || !_sameAsLocked(lock.schemas[s.path]!, s, hashes)).length +
    live.filter((e) => !now.has(e.path)).length
  return {
    verdict: findings.some((f) => f.severity === "breaking")
      ? "breaking"
      : findings.some((f) => f.rule === "VALIDATION_CHANGED") ? "review" : "compatible",
    findings,
    accepted,
    unlocked
  }
}

const _group = (slots: ReadonlyArray<_Slot>): ReadonlyMap<string, ReadonlyArray<_Slot>> => {
  const groups = new Map<string, Array<_Slot>>()
  slots.forEach((s) => groups.set(s.owner, [...(groups.get(s.owner) ?? []), s]))
  return groups
}

const _sameAsLocked = (e: Lockfile.Entry, s: _Slot, hashes: ReadonlyMap<string, string>): boolean =>
  e.removed !== true && e.hash === hashes.get(s.path) && e.role === s.role && (e.stream === true) === s.stream &&
  Canonical.equal(e.type, s.type)

export const Compat = { compare, covers: _under } as const

export declare namespace Compat {
  type Verdict = "compatible" | "review" | "breaking"
  /** One place a change is seen: a slot, in the directions its role checks. */
  interface Occurrence {
    /** Where, e.g. `orders.events.OrderPlaced.total`. */
    readonly path: string
    /** The schema slot (or, for declaration-level rules, the declaration), e.g. `orders.events.OrderPlaced`. */
    readonly slot: string
    readonly role: Slots.Role
    readonly direction: "backward" | "forward" | "full" | "backward-transitive" | "type"
    /** Wire hashes of the writer's recorded form and of the reader's current form. */
    readonly from: string
    readonly to: string
    /** The current declaration of the slot (its contract's, or the lockfile's entry, when it is gone). */
    readonly file: string
    readonly line: number
  }
  /** One change; its own occurrence fields are those of the occurrence declared first. */
  interface Finding extends Occurrence {
    readonly rule: string
    /** The worst of its occurrences. */
    readonly severity: "breaking" | "warning"
    readonly message: string
    readonly why: string
    readonly fix: string
    /** Every slot the change affects, the first declared first; accepting the change acknowledges each. */
    readonly affects: ReadonlyArray<Occurrence>
  }
  interface Result {
    readonly verdict: Verdict
    /** Findings not covered by an acknowledgement, breaking first. */
    readonly findings: ReadonlyArray<Finding>
    /** Acknowledgements in effect: the accepted break is what the contracts declare now. */
    readonly accepted: ReadonlyArray<Lockfile.Ack>
    /** Slots added, changed or gone since the lockfile was written. */
    readonly unlocked: number
  }
}
