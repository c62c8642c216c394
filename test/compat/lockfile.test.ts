/**
 * The lockfile: deterministic bytes, history of every earlier form (never dropped), removed declarations
 * kept with their history, acknowledgements kept, and hand edits refused when read.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Lockfile } from "../../generator/compat/Lockfile.js"
import type { Slots } from "../../generator/compat/Slots.js"
import { SchemaIr } from "../../generator/ir/SchemaIr.js"
import { Scratch } from "../support/Scratch.js"

const slot = (path: string, schema: Schema.Schema.AnyNoContext, role: Slots.Role = "event"): Slots.Slot => {
  const ir = SchemaIr.fromAst(schema.ast)
  return { path, owner: path, role, stream: false, encoded: ir.encoded, type: ir.type }
}

const v1 = slot("shop.events.OrderPlaced", Schema.Struct({ id: Schema.String, total: Schema.Number }))
const v2 = slot("shop.events.OrderPlaced", Schema.Struct({ id: Schema.String, total: Schema.Number, note: Schema.optional(Schema.String) }))
const other = slot("shop.events.OrderShipped", Schema.Struct({ id: Schema.String }))
const ack: Lockfile.Ack = { slot: "s", path: "s.x", rule: "FIELD_REMOVED", message: "m", reason: "r", from: "a", to: "b" }

describe("lockfile", () => {
  it("records the same slots as the same bytes, whatever their order; keys sorted", () => {
    const a = Lockfile.print(Lockfile.record(undefined, [v1, other], []))
    const b = Lockfile.print(Lockfile.record(undefined, [other, v1], []))
    expect(a).toBe(b)
    const parsed = JSON.parse(a) as { readonly schemas: Record<string, unknown> }
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort())
    expect(Object.keys(parsed.schemas)).toEqual(["shop.events.OrderPlaced", "shop.events.OrderShipped"])
    expect(a.endsWith("}\n")).toBe(true)
  })

  it("a changed slot pushes its previous form to history, once; an unchanged one keeps its history", () => {
    const first = Lockfile.record(undefined, [v1], [])
    const second = Lockfile.record(first, [v2], [])
    expect(second.schemas[v1.path]!.history.map((h) => h.hash)).toEqual([first.schemas[v1.path]!.hash])
    expect(second.schemas[v1.path]!.hash).toBe(Lockfile.hash(v2.encoded))
    const again = Lockfile.record(second, [v2], [])
    expect(again).toEqual(second)
    // Back and forth: every earlier form is in history exactly once.
    const reverted = Lockfile.record(Lockfile.record(second, [v1], []), [v2], [])
    expect(reverted.schemas[v1.path]!.history.map((h) => h.hash)).toEqual([Lockfile.hash(v1.encoded), Lockfile.hash(v2.encoded)])
  })

  it("a slot that disappears is kept, marked removed, with its history; it is live again when it returns", () => {
    const first = Lockfile.record(Lockfile.record(undefined, [v1, other], []), [v2, other], [])
    const gone = Lockfile.record(first, [other], [])
    expect(gone.schemas[v1.path]).toEqual({ ...first.schemas[v1.path], removed: true })
    const back = Lockfile.record(gone, [v2, other], [])
    expect(back.schemas[v1.path]!.removed).toBeUndefined()
    expect(back.schemas[v1.path]!.history).toEqual(first.schemas[v1.path]!.history)
  })

  it("keeps acknowledgements across records, without duplicates", () => {
    const first = Lockfile.record(undefined, [v1], [ack])
    const second = Lockfile.record(first, [v2], [ack, { ...ack, rule: "FIELD_RENAMED" }])
    expect(second.acknowledgements.map((a) => a.rule)).toEqual(["FIELD_REMOVED", "FIELD_RENAMED"])
  })

  it.effect("reading refuses a form that no longer matches its hash (a hand edit or a bad merge)", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const s = yield* Scratch.make("lockfile-")
      const file = `${s.dir}/contracts.lock.json`
      yield* Lockfile.write(file, Lockfile.record(undefined, [v1], []))
      expect(yield* Lockfile.read(file)).toEqual(Lockfile.record(undefined, [v1], []))
      const text = yield* fs.readFileString(file)
      yield* fs.writeFileString(file, text.replace(`"name": "total"`, `"name": "amount"`))
      const edited = yield* Effect.either(Lockfile.read(file))
      expect(Either.isLeft(edited) && edited.left.message).toContain("do not match their hashes (shop.events.OrderPlaced)")
      expect(yield* Lockfile.read(`${s.dir}/missing.json`)).toBeUndefined()
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))
})
