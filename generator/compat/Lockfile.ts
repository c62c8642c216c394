/**
 * The lockfile (`contracts.lock.json`): every schema slot's canonical wire and type forms, the history of
 * earlier forms, and acknowledged breaks. Deterministic: sorted keys, stable layout. Never drops history.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { createHash } from "node:crypto"
import type { SchemaIr } from "../ir/SchemaIr.js"
import { Canonical } from "./walk/Canonical.js"
import { Slots } from "./Slots.js"

const _Node = Schema.declare(
  (u: unknown): u is SchemaIr.Node => typeof u === "object" && u !== null && typeof (u as { _tag?: unknown })._tag === "string",
  { identifier: "SchemaNode" }
)

const _Form = Schema.Struct({ hash: Schema.String, encoded: _Node, type: _Node })

const _Entry = Schema.Struct({
  ..._Form.fields,
  role: Schema.Literal(...Slots.roles),
  stream: Schema.optional(Schema.Literal(true)),
  /** The declaration is gone (its removal was accepted); kept for its history. */
  removed: Schema.optional(Schema.Literal(true)),
  /** Earlier forms, oldest first. */
  history: Schema.Array(_Form)
})

const _Ack = Schema.Struct({
  slot: Schema.String,
  path: Schema.String,
  rule: Schema.String,
  message: Schema.String,
  reason: Schema.String,
  from: Schema.String,
  to: Schema.String
})

const _File = Schema.Struct({
  $comment: Schema.optional(Schema.String),
  lockfileVersion: Schema.Literal(1),
  schemas: Schema.Record({ key: Schema.String, value: _Entry }),
  acknowledgements: Schema.Array(_Ack)
})

const _comment = "Written by `codegen lock`: the recorded schemas `codegen compat` checks against. Commit it; do not edit by hand."

/** A lockfile that cannot be read: exit code 2. */
class _LockfileError extends Data.TaggedError("LockfileError")<{ readonly file: string; readonly message: string }> {}

/** `value` with every object's keys sorted, so equal data prints and hashes equally. */
const _sorted = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(_sorted)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.keys(value).sort().flatMap((k) => {
      const v = (value as Record<string, unknown>)[k]
      return v === undefined ? [] : [[k, _sorted(v)]]
    }))
    : value

const canonical = Canonical.of

/** The wire fingerprint of an encoded form: acknowledgements and history refer to it. */
const hash = (encoded: SchemaIr.Node): string => createHash("sha256").update(canonical(encoded)).digest("hex").slice(0, 16)

/**
 * Pretty JSON that keeps short objects on one line: readable diffs for small schema changes. Each value's
 * one-line form is built once, bottom-up (`inline` maps a value to it).
 */
const _layout = (v: unknown, indent: string, inline: Map<unknown, string>): string => {
  const flat = inline.get(v) ?? JSON.stringify(v)
  const inner = `${indent}  `
  return flat.length + indent.length <= 140 || typeof v !== "object" || v === null
    ? flat
    : Array.isArray(v)
    ? `[\n${v.map((x) => `${inner}${_layout(x, inner, inline)}`).join(",\n")}\n${indent}]`
    : `{\n${Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${_layout(x, inner, inline)}`).join(",\n")}\n${indent}}`
}

const _inline = (v: unknown, inline: Map<unknown, string>): string => {
  const text = Array.isArray(v)
    ? `[${v.map((x) => _inline(x, inline)).join(", ")}]`
    : typeof v === "object" && v !== null
    ? Object.keys(v).length === 0 ? "{}" : `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${_inline(x, inline)}`).join(", ")} }`
    : JSON.stringify(v)
  typeof v === "object" && v !== null && inline.set(v, text)
  return text
}

const print = (lock: Lockfile): string => {
  const sorted = _sorted(lock)
  const inline = new Map<unknown, string>()
  _inline(sorted, inline)
  return `${_layout(sorted, "", inline)}\n`
}

const form = (s: { readonly encoded: SchemaIr.Node; readonly type: SchemaIr.Node }): Lockfile.Form => ({
  hash: hash(s.encoded),
  encoded: s.encoded,
  type: s.type
})

const _sameForm = (a: Lockfile.Form, b: Lockfile.Form): boolean => a.hash === b.hash && canonical(a.type) === canonical(b.type)

/** The lockfile after recording `slots`: changed slots push their previous form to history; gone ones are kept. */
const record = (previous: Lockfile | undefined, slots: ReadonlyArray<Slots.Slot>, acks: ReadonlyArray<Lockfile.Ack>): Lockfile => {
  const before = previous?.schemas ?? {}
  const current = Object.fromEntries(slots.map((s): [string, Lockfile.Entry] => {
    const now = form(s)
    const e = before[s.path]
    const old = e === undefined ? undefined : { hash: e.hash, encoded: e.encoded, type: e.type }
    const history = e === undefined ? [] : old === undefined || _sameForm(old, now) || e.history.some((h) => _sameForm(h, old))
      ? e.history
      : [...e.history, old]
    return [s.path, { ...now, role: s.role, ...(s.stream ? { stream: true as const } : {}), history }]
  }))
  const gone = Object.entries(before).filter(([p]) => current[p] === undefined).map(([p, e]) => [p, { ...e, removed: true as const }] as const)
  const all = [...(previous?.acknowledgements ?? []), ...acks]
  const unique = [...new Map(all.map((a) => [canonical(a), a])).values()]
  return {
    $comment: _comment,
    lockfileVersion: 1,
    schemas: Object.fromEntries([...Object.entries(current), ...gone]),
    acknowledgements: unique.sort((a, b) => canonical([a.path, a.rule, a.to]) < canonical([b.path, b.rule, b.to]) ? -1 : 1)
  }
}

/** The lockfile at `file`, `undefined` when there is none; a malformed one fails with `Lockfile.Error`. */
const read = Effect.fn("Lockfile.read")(function*(file: string) {
  const fs = yield* FileSystem.FileSystem
  const exists = yield* fs.exists(file)
  const text = exists ? yield* fs.readFileString(file) : undefined
  const lock = text === undefined ? undefined : yield* Schema.decodeUnknown(Schema.parseJson(_File))(text).pipe(
    Effect.mapError((e) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
      const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.map(String).join(".")}`
      return new _LockfileError({ file, message: `not a valid lockfile${where}: ${issue?.message ?? e.message}; restore it from git (deleting it and running \`codegen lock\` starts over without history)` })
    })
  )
  const edited = Object.entries(lock?.schemas ?? {}).filter(([, e]) => e.hash !== hash(e.encoded)).map(([p]) => p)
  return edited.length === 0 ? lock : yield* new _LockfileError({
    file,
    message: `recorded forms do not match their hashes (${edited.slice(0, 3).join(", ")}): the file was edited by hand or merged badly; restore it from git and run \`codegen lock\``
  })
})

const write = Effect.fn("Lockfile.write")(function*(file: string, lock: Lockfile) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  yield* fs.makeDirectory(path.dirname(file), { recursive: true })
  yield* fs.writeFileString(file, print(lock))
})

export type Lockfile = typeof _File.Type

export const Lockfile = { read, write, record, print, form, hash, canonical, schema: _File, Error: _LockfileError } as const

export declare namespace Lockfile {
  type Form = typeof _Form.Type
  type Entry = typeof _Entry.Type
  type Ack = typeof _Ack.Type
  type Error = _LockfileError
}
