/**
 * One finding per change: hits of one change to a shared struct fold into one finding listing the slots
 * it affects; distinct changes stay apart; each finding is placed at a declaration (or the lockfile entry).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { Compat } from "../../generator/compat/Compat.js"
import { Lockfile } from "../../generator/compat/Lockfile.js"
import { Report } from "../../generator/compat/Report.js"
import type { Slots } from "../../generator/compat/Slots.js"
import { SchemaIr } from "../../generator/ir/SchemaIr.js"

const _slot = (path: string, role: Slots.Role, schema: Schema.Schema.AnyNoContext, line: number): Slots.Slot => {
  const ir = SchemaIr.fromAst(schema.ast)
  return { path, owner: path.replace(/\.(payload|success|error)$/, ""), role, stream: false, encoded: ir.encoded, type: ir.type, file: "/c/shop.contract.ts", line }
}

const _options = { validationChanged: "warning" } as const

const Address = (fields: Schema.Struct.Fields) => Schema.Struct({ street: Schema.String, ...fields })

/** An event and an RPC response sharing `order`, and the struct twice inside one event. */
const _slots = (order: Schema.Schema.AnyNoContext, address: Schema.Schema.AnyNoContext) => [
  _slot("shop.rpcs.Get.success", "rpc-success", order, 12),
  _slot("shop.events.Placed", "event", order, 7),
  _slot("shop.events.Moved", "event", Schema.Struct({ from: address, to: address }), 8)
]

const v1 = _slots(Schema.Struct({ id: Schema.String, note: Schema.String }), Address({ zip: Schema.String }))
const v2 = _slots(Schema.Struct({ id: Schema.String }), Address({}))
const _summary = (r: Compat.Result) => r.findings.map((f) => [f.rule, f.path, `${f.file}:${f.line}`, f.affects.map((o) => `${o.path} (${o.direction})`)])

describe("one finding per change", () => {
  it("a change to a shared struct is one finding at the first declaration, listing every place it affects", () => {
    const r = Compat.compare(Lockfile.record(undefined, v1, []), v2, _options)
    expect(_summary(r)).toEqual([
      ["FIELD_REMOVED", "shop.events.Moved.from.zip", "/c/shop.contract.ts:8", ["shop.events.Moved.from.zip (forward)", "shop.events.Moved.to.zip (forward)"]],
      ["FIELD_REMOVED", "shop.events.Placed.note", "/c/shop.contract.ts:7", ["shop.events.Placed.note (forward)", "shop.rpcs.Get.success.note (forward)"]]
    ])
    expect(Report.accept({ ...r, lockfile: "l.json" }, r.findings[1]!)).toBe(
      "npx codegen lock --accept shop.events.Placed.note --accept shop.rpcs.Get.success.note --reason \"…\""
    )
  })

  it("different fields changed alike in one struct stay different changes", () => {
    const before = [_slot("shop.events.Placed", "event", Schema.Struct({ a: Schema.Number, b: Schema.Number }), 7)]
    const after = [_slot("shop.events.Placed", "event", Schema.Struct({ a: Schema.String, b: Schema.String }), 7)]
    const r = Compat.compare(Lockfile.record(undefined, before, []), after, _options)
    expect(r.findings.map((f) => [f.rule, f.path, f.affects.length])).toEqual([["TYPE_CHANGED", "shop.events.Placed.a", 1], ["TYPE_CHANGED", "shop.events.Placed.b", 1]])
  })

  it("an occurrence accepted on its own leaves the finding with the others", () => {
    const lock = Lockfile.record(undefined, v1, [])
    const placed = Compat.compare(lock, v2, _options).findings[1]!.affects[0]!
    const ack: Lockfile.Ack = { slot: placed.slot, path: placed.path, rule: "FIELD_REMOVED", message: "m", reason: "r", from: placed.from, to: placed.to }
    const r = Compat.compare({ ...lock, acknowledgements: [ack] }, v2, _options)
    expect(_summary(r)[1]).toEqual(["FIELD_REMOVED", "shop.rpcs.Get.success.note", "/c/shop.contract.ts:12", ["shop.rpcs.Get.success.note (forward)"]])
    expect(r.accepted).toEqual([ack])
  })

  it("a removed declaration is placed at its contract's export, or at its lockfile entry when the contract is gone", () => {
    const lock = Lockfile.record(undefined, [...v1, _slot("billing.events.Paid", "event", Schema.Struct({ id: Schema.String }), 5)], [])
    const contracts = new Map([["shop", { file: "/c/shop.contract.ts", line: 4 }]])
    const r = Compat.compare(lock, v1.slice(1), { ..._options, contracts, lockfile: "/c/contracts.lock.json" })
    const line = Lockfile.print(lock).split("\n").findIndex((l) => l.startsWith(`    "billing.events.Paid": `)) + 1
    expect(line).toBeGreaterThan(1)
    expect(r.findings.map((f) => [f.rule, f.path, `${f.file}:${f.line}`])).toEqual([
      ["DECLARATION_REMOVED", "billing.events.Paid", `/c/contracts.lock.json:${line}`],
      ["DECLARATION_REMOVED", "shop.rpcs.Get", "/c/shop.contract.ts:4"]
    ])
  })

  it("accept commands quote paths the shell would read otherwise", () => {
    expect(["a.b.c", "a.success[].x", "a.error(NotFound)", "a.b<0>", "it's"].map(Report.quote)).toEqual([
      "a.b.c",
      "'a.success[].x'",
      "'a.error(NotFound)'",
      "'a.b<0>'",
      "'it'\\''s'"
    ])
  })
})
