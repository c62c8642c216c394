/**
 * Golden scenario `keyed`: the generated entity, run on an in-memory cluster, takes every payload shape the
 * DSL accepts for a persisted message with a primary key, deduplicates by that key, and hands the handler
 * the payload as its schema decodes it (a `Schema.Class` payload as an instance of the user's class).
 */
import type * as Sharding from "@effect/cluster/Sharding"
import * as TestRunner from "@effect/cluster/TestRunner"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as PrimaryKey from "effect/PrimaryKey"
import * as Schema from "effect/Schema"
import { Contract } from "effect-contracts"
import { Archive, Rename } from "./keyed/contracts/keyed.contract.js"
import { ItemEntity } from "./keyed/generated/keyed/entities/Item.js"

/** Every handler call, in order: the message, what the handler saw, and the payload itself. */
const _calls: Array<{ readonly tag: string; readonly seen: string; readonly payload: unknown }> = []

const _handled = (tag: string, seen: string, payload: unknown) =>
  Effect.sync(() => {
    _calls.push({ tag, seen, payload })
    return `${tag}:${seen}`
  })

const _Live = ItemEntity.toLayer(ItemEntity.of({
  Create: ({ payload }) => _handled("Create", payload.title, payload),
  Touch: ({ payload }) => _handled("Touch", payload.id, payload),
  Reserve: ({ payload }) => _handled("Reserve", `${payload.from}-${payload.to}`, payload),
  Label: ({ payload }) => _handled("Label", `${payload.tag}/${payload.weight}`, payload),
  // `label` is a getter of the user's class: it exists only on a real `Rename`.
  Rename: ({ payload }) => _handled("Rename", `${payload instanceof Rename}/${payload.label}`, payload),
  Archive: ({ payload }) => _handled("Archive", `${payload instanceof Archive}/${payload._tag}`, payload),
  Move: ({ payload }) => _handled("Move", payload._tag, payload),
  Init: () => _handled("Init", "init", undefined)
}))

const _cluster = <A, E>(self: Effect.Effect<A, E, Sharding.Sharding>) =>
  self.pipe(Effect.provide(_Live.pipe(Layer.provideMerge(TestRunner.layer))))

describe("golden/keyed", () => {
  it.live("each payload shape reaches its handler decoded, once per primary key", () =>
    _cluster(Effect.gen(function*() {
      _calls.length = 0
      const item = (yield* ItemEntity.client)("item-1")
      expect(yield* item.Create({ id: "item-1", title: "lamp" })).toBe("Create:lamp")
      expect(yield* item.Create({ id: "item-1", title: "lamp, again" })).toBe("Create:lamp")
      expect(yield* item.Touch({ id: "item-1" })).toBe("Touch:item-1")
      expect(yield* item.Reserve({ id: "item-1", from: 1, to: 3 })).toBe("Reserve:1-3")
      expect(yield* item.Label({ id: "item-1", tag: "red", weight: 2 })).toBe("Label:red/2")
      expect(yield* item.Rename({ id: "item-1", name: "desk lamp" })).toBe("Rename:true/item-1:desk lamp")
      expect(yield* item.Rename(new Rename({ id: "item-1", name: "desk lamp" }))).toBe("Rename:true/item-1:desk lamp")
      expect(yield* item.Archive({ id: "item-1", reason: "sold" })).toBe("Archive:true/Archive")
      expect(yield* item.Move({ _tag: "ToShelf", id: "item-1", shelf: 2 })).toBe("Move:ToShelf")
      expect(yield* item.Move({ _tag: "ToBin", id: "item-1" })).toBe("Move:ToBin")
      expect(yield* item.Init()).toBe("Init:init")
      expect(yield* item.Init()).toBe("Init:init")
      // Duplicates (same primary key) replay the first reply without running the handler again.
      expect(_calls.map((c) => c.tag)).toEqual(["Create", "Touch", "Reserve", "Label", "Rename", "Archive", "Move", "Move", "Init"])
      const renamed = _calls.find((c) => c.tag === "Rename")?.payload
      expect(renamed).toBeInstanceOf(Rename)
      expect(PrimaryKey.value(renamed as PrimaryKey.PrimaryKey)).toBe("item-1/desk lamp")
      // The key is hidden: the payload compares equal to the plain value it was made from.
      expect(_calls.find((c) => c.tag === "Touch")?.payload).toStrictEqual({ id: "item-1" })
    })))

  it.live("a filter on the payload struct still runs: a payload it rejects is never handled", () =>
    _cluster(Effect.gen(function*() {
      _calls.length = 0
      const item = (yield* ItemEntity.client)("item-2")
      const exit = yield* Effect.exit(item.Reserve({ id: "item-2", from: 5, to: 1 }))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(Exit.isFailure(exit) ? exit.cause : "")).toContain("from must not be after to")
      expect(_calls).toEqual([])
    })))

  it("a keyed payload round-trips through its wire form, and keeps the declared schema's defaults", () => {
    const Tagged = Schema.Struct({ id: Schema.String, weight: Schema.optionalWith(Schema.Number, { default: () => 1 }) })
    const keyed = Contract.keyed(Tagged, (p) => `${p.id}#${p.weight}`)
    const made = keyed.make({ id: "a" })
    expect(PrimaryKey.value(made as unknown as PrimaryKey.PrimaryKey)).toBe("a#1")
    const wire = Schema.encodeSync(keyed)(made)
    expect(wire).toStrictEqual({ id: "a", weight: 1 })
    const decoded = Schema.decodeUnknownSync(keyed)(wire)
    expect(PrimaryKey.value(decoded as unknown as PrimaryKey.PrimaryKey)).toBe("a#1")
    expect(Object.keys(decoded)).toEqual(["id", "weight"])
  })
})
