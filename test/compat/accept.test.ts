/**
 * Acknowledged breaks: a finding accepted with `lock --accept` stops failing and is listed as accepted
 * while the contracts still declare what was accepted; for workflow payloads it survives new versions.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { Compat } from "../../generator/compat/Compat.js"
import { Lockfile } from "../../generator/compat/Lockfile.js"
import type { Slots } from "../../generator/compat/Slots.js"
import { SchemaIr } from "../../generator/ir/SchemaIr.js"

const _slot = (path: string, owner: string, role: Slots.Role, schema: Schema.Schema.AnyNoContext): Slots.Slot => {
  const ir = SchemaIr.fromAst(schema.ast)
  return { path, owner, role, stream: false, encoded: ir.encoded, type: ir.type }
}

const _versions = (...versions: ReadonlyArray<Schema.Schema.AnyNoContext>) =>
  versions.map((v, i) => _slot(`shop.workflows.Checkout.v${i + 1}`, "shop.workflows.Checkout", "workflow-payload", v))

const _event = (schema: Schema.Schema.AnyNoContext) => [_slot("shop.events.Placed", "shop.events.Placed", "event", schema)]

const _options = { validationChanged: "warning" } as const

/** What `codegen lock --accept <path>` records: the current slots, and an acknowledgement per breaking finding. */
const _accept = (lock: Lockfile, slots: ReadonlyArray<Slots.Slot>, reason: string): Lockfile =>
  Lockfile.record(
    lock,
    slots,
    Compat.compare(lock, slots, _options).findings.filter((f) => f.severity === "breaking").map((f) => ({
      slot: f.slot,
      path: f.path,
      rule: f.rule,
      message: f.message,
      reason,
      from: f.from,
      to: f.to
    }))
  )

describe("acknowledged breaks", () => {
  it("an accepted event break is listed while the event stays as accepted, and not once it changes again", () => {
    const v1 = Lockfile.record(undefined, _event(Schema.Struct({ id: Schema.String })), [])
    const breaking = _event(Schema.Struct({ id: Schema.String, region: Schema.String }))
    expect(Compat.compare(v1, breaking, _options).verdict).toBe("breaking")
    const accepted = _accept(v1, breaking, "no stored events yet")
    const now = Compat.compare(accepted, breaking, _options)
    expect([now.verdict, now.findings, now.accepted.map((a) => [a.path, a.rule, a.reason])]).toEqual([
      "compatible",
      [],
      [["shop.events.Placed.region", "FIELD_ADDED_REQUIRED", "no stored events yet"]]
    ])
    const later = _event(Schema.Struct({ id: Schema.String, region: Schema.String, note: Schema.optional(Schema.String) }))
    expect(Compat.compare(accepted, later, _options).accepted).toEqual([])
  })

  it("a workflow version edited in place, accepted, stays accepted when a version is added later", () => {
    const v1 = Lockfile.record(undefined, _versions(Schema.Struct({ id: Schema.String })), [])
    const edited = _versions(Schema.Struct({ id: Schema.String, coupon: Schema.String }))
    const before = Compat.compare(v1, edited, _options)
    expect(before.findings.map((f) => [f.rule, f.path, f.direction])).toEqual([
      ["FIELD_ADDED_REQUIRED", "shop.workflows.Checkout.v1.coupon", "backward-transitive"]
    ])
    const accepted = _accept(v1, edited, "v1 runs drained")
    expect(Compat.compare(accepted, edited, _options)).toMatchObject({ verdict: "compatible", findings: [] })
    const more = _versions(Schema.Struct({ id: Schema.String, coupon: Schema.String }), Schema.Struct({ id: Schema.String, coupon: Schema.String, note: Schema.String }))
    const after = Compat.compare(accepted, more, _options)
    expect([after.verdict, after.findings, after.accepted.map((a) => a.reason)]).toEqual(["compatible", [], ["v1 runs drained"]])
  })
})
