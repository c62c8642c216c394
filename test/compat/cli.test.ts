/**
 * `codegen lock` and `codegen compat` as users run them: real processes over scratch contract sets.
 * Exit codes: 0 compatible (warnings allowed), 1 breaking (or lock refused), 2 usage or load error.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Scratch } from "../support/Scratch.js"

const { codegen, contract, root } = Scratch

const _shop = (fields: string) =>
  contract("shop", [
    `  events: { OrderPlaced: Contract.event({ payload: Schema.Struct({ id: Schema.String, ${fields} }), key: (e) => e.id }) },`,
    `  rpcs: { Place: Contract.rpc({ payload: { id: Schema.String }, success: Schema.Struct({ ${fields} }) }) }`
  ])

/** A scratch folder with `contracts/shop.contract.ts` declaring `fields` in an event and a response. */
const _scratch = (fields: string) => Scratch.make("compat-cli-", { "contracts/shop.contract.ts": _shop(fields) })

/** `Order` shared by an event, an RPC payload, a response's array and a stored entity message; `extra` RPCs after them. */
const _shared = (fields: string, extra: ReadonlyArray<string>) =>
  [
    `import { Contract } from "effect-contracts"`,
    `import * as Schema from "effect/Schema"`,
    ``,
    `const Order = Schema.Struct({ id: Schema.String${fields} })`,
    ``,
    `export default Contract.make("shop", {`,
    `  events: { OrderPlaced: Contract.event({ payload: Order, key: (e) => e.id }) },`,
    `  rpcs: {`,
    `    PlaceOrder: Contract.rpc({ payload: Order }),`,
    `    ListOrders: Contract.rpc({ payload: { id: Schema.String }, success: Schema.Array(Order) })${extra.length > 0 ? "," : ""}`,
    ...extra,
    `  },`,
    `  entities: { Cart: Contract.entity({ rpcs: { Checkout: Contract.rpc({ payload: Order, persisted: true, primaryKey: (p) => p.id }) } }) }`,
    `})`,
    ``
  ].join("\n")

describe.concurrent("codegen lock / compat process", () => {
  it.live("over the repository's contracts: lock, then compat is compatible; locking again writes the same bytes", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const s = yield* Scratch.make("compat-cli-")
      yield* Scratch.copy(`${root}/contracts`, s.paths.contracts)
      const lock = yield* codegen(["lock"], s.dir)
      expect(lock.status, lock.stderr).toBe(0)
      expect(lock.stdout).toMatch(/^codegen lock: recorded \d+ slot\(s\): \d+ new, 0 changed, 0 removed in contracts\.lock\.json/)
      const bytes = yield* fs.readFileString(`${s.dir}/contracts.lock.json`)
      const compat = yield* codegen(["compat"], s.dir)
      expect(compat.status, compat.stderr).toBe(0)
      expect(compat.stdout).toContain("codegen compat: COMPATIBLE: 0 breaking, 0 warning(s), 0 accepted (against contracts.lock.json)")
      const again = yield* codegen(["lock"], s.dir)
      expect(again.stdout).toContain("0 new, 0 changed, 0 removed")
      expect(yield* fs.readFileString(`${s.dir}/contracts.lock.json`)).toBe(bytes)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("a breaking edit: compat exits 1 in every format; lock refuses until the break is accepted with a reason", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const s = yield* _scratch("total: Schema.Number")
      expect((yield* codegen(["lock"], s.dir)).status).toBe(0)
      yield* Scratch.write(s.dir, { "contracts/shop.contract.ts": _shop("total: Schema.Number, region: Schema.String") })
      const text = yield* codegen(["compat"], s.dir)
      expect(text.status, text.stderr).toBe(1)
      expect(text.stdout).toContain("breaking FIELD_ADDED_REQUIRED  shop.events.OrderPlaced.region  (backward)")
      expect(text.stdout).toContain("fix: make it optional")
      const md = yield* codegen(["compat", "--format", "markdown"], s.dir)
      expect(md.status).toBe(1)
      expect(md.stdout).toContain("### Contract compatibility: ❌ breaking")
      expect(md.stdout).toContain(
        "| ❌ | `FIELD_ADDED_REQUIRED` | `shop.events.OrderPlaced.region` | `contracts/shop.contract.ts:5` | shop.events.OrderPlaced (backward) | required field `region` added |"
      )
      expect(md.stdout).toContain("npx codegen lock --accept shop.events.OrderPlaced.region --reason \"…\"")
      const json = yield* codegen(["compat", "--format", "json"], s.dir)
      expect(json.status).toBe(1)
      expect(JSON.parse(json.stdout)).toMatchObject({
        version: 1,
        verdict: "breaking",
        lockfile: "contracts.lock.json",
        summary: { breaking: 1, warnings: 0, accepted: 0, unlocked: 2 },
        findings: [{
          rule: "FIELD_ADDED_REQUIRED",
          severity: "breaking",
          path: "shop.events.OrderPlaced.region",
          slot: "shop.events.OrderPlaced",
          role: "event",
          direction: "backward",
          file: "contracts/shop.contract.ts",
          line: 5,
          affects: [{ slot: "shop.events.OrderPlaced", path: "shop.events.OrderPlaced.region", role: "event", direction: "backward", file: "contracts/shop.contract.ts", line: 5 }],
          accept: "npx codegen lock --accept shop.events.OrderPlaced.region --reason \"…\""
        }],
        accepted: []
      })

      const before = yield* fs.readFileString(`${s.dir}/contracts.lock.json`)
      const refused = yield* codegen(["lock"], s.dir)
      expect(refused.status).toBe(1)
      expect(refused.stderr).toContain("1 breaking change(s) not accepted; contracts.lock.json was not written")
      expect(yield* fs.readFileString(`${s.dir}/contracts.lock.json`)).toBe(before)

      const accepted = yield* codegen(["lock", "--accept", "shop.events.OrderPlaced", "--reason", "no stored events yet"], s.dir)
      expect(accepted.status, accepted.stderr).toBe(0)
      expect(accepted.stdout).toContain("accepted 1 break(s)")
      const after = yield* codegen(["compat"], s.dir)
      expect(after.status, after.stderr).toBe(0)
      expect(after.stdout).toContain("accepted FIELD_ADDED_REQUIRED  shop.events.OrderPlaced.region: required field `region` added (reason: no stored events yet)")
      const lock = JSON.parse(yield* fs.readFileString(`${s.dir}/contracts.lock.json`))
      expect(lock.schemas["shop.events.OrderPlaced"].history).toHaveLength(1)
      expect(lock.acknowledgements).toMatchObject([{ path: "shop.events.OrderPlaced.region", rule: "FIELD_ADDED_REQUIRED", reason: "no stored events yet" }])
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("usage and load errors exit 2", () =>
    Effect.gen(function*() {
      const s = yield* _scratch("total: Schema.Number")
      const none = yield* codegen(["compat"], s.dir)
      expect([none.status, none.stderr]).toEqual([2, expect.stringContaining("no lockfile at contracts.lock.json")])
      expect((yield* codegen(["lock"], s.dir)).status).toBe(0)
      const noReason = yield* codegen(["lock", "--accept", "shop"], s.dir)
      expect([noReason.status, noReason.stderr]).toEqual([2, expect.stringContaining("--accept needs --reason")])
      const nothing = yield* codegen(["lock", "--accept", "shop.events", "--reason", "x"], s.dir)
      expect([nothing.status, nothing.stderr]).toEqual([2, expect.stringContaining("nothing breaking to accept at shop.events")])
      expect((yield* codegen(["compat", "--format", "yaml"], s.dir)).status).toBe(2)
      yield* Scratch.write(s.dir, { "bad.json": "{}" })
      const bad = yield* codegen(["compat", "--lock", "bad.json"], s.dir)
      expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining("bad.json: not a valid lockfile")])
      yield* Scratch.write(s.dir, { "contracts/shop.contract.ts": "export default 1\n" })
      const broken = yield* codegen(["compat"], s.dir)
      expect([broken.status, broken.stderr]).toEqual([2, expect.stringContaining("the default export is not a contract")])
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("--lock, and the config file's `lock` and `compat.validationChanged`", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      // A custom filter replaced by another cannot be compared: review (one that is only added tightens).
      const s = yield* _scratch("total: Schema.Number.pipe(Schema.filter((n) => n >= 0, { identifier: \"NonNegative\" }))")
      expect((yield* codegen(["lock", "--lock", "locks/a.json"], s.dir)).status).toBe(0)
      expect(yield* fs.exists(`${s.dir}/locks/a.json`)).toBe(true)
      yield* Scratch.write(s.dir, { "effect-contracts.json": JSON.stringify({ lock: "locks/a.json" }) })
      yield* Scratch.write(s.dir, {
        "contracts/shop.contract.ts": _shop("total: Schema.Number.pipe(Schema.filter((n) => n > 0, { identifier: \"Positive\" }))")
      })
      const review = yield* codegen(["compat"], s.dir)
      expect([review.status, review.stdout]).toEqual([0, expect.stringContaining("codegen compat: REVIEW: 0 breaking, 2 warning(s)")])
      expect(review.stdout).not.toContain("accept:")
      yield* Scratch.write(s.dir, { "effect-contracts.json": JSON.stringify({ lock: "locks/a.json", compat: { validationChanged: "error" } }) })
      const strict = yield* codegen(["compat"], s.dir)
      expect([strict.status, strict.stdout]).toEqual([1, expect.stringContaining("breaking VALIDATION_CHANGED  shop.events.OrderPlaced.total  (full)")])
      // The lockfile is not the default one: the command names it (the same path the config file gives).
      expect(strict.stdout).toContain("accept: npx codegen lock --lock locks/a.json --accept shop.events.OrderPlaced.total --reason \"…\"")
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))

  it.live("one finding per change, at its declaration, with the slots it affects and a command that accepts it", () =>
    Effect.gen(function*() {
      const s = yield* Scratch.make("compat-cli-", {
        "contracts/shop.contract.ts": _shared(", note: Schema.String", ["    Cancel: Contract.rpc({ payload: { id: Schema.String } })"])
      })
      expect((yield* codegen(["lock"], s.dir)).status).toBe(0)
      yield* Scratch.write(s.dir, { "contracts/shop.contract.ts": _shared("", []) })
      const text = yield* codegen(["compat"], s.dir)
      expect(text.status, text.stderr).toBe(1)
      expect(text.stdout).toContain("codegen compat: BREAKING: 2 breaking, 0 warning(s), 0 accepted")
      expect(text.stdout).toContain([
        "breaking FIELD_REMOVED  shop.events.OrderPlaced.note  (forward)",
        "  at contracts/shop.contract.ts:7",
        "  required field `note` removed",
        "  affects: shop.events.OrderPlaced (forward), shop.rpcs.ListOrders.success (forward), shop.entities.Cart.Checkout.payload (forward)"
      ].join("\n"))
      expect(text.stdout).toContain(
        "  accept: npx codegen lock --accept shop.events.OrderPlaced.note --accept 'shop.rpcs.ListOrders.success[].note' " +
          "--accept shop.entities.Cart.Checkout.payload.note --reason \"…\""
      )
      // A removed declaration is placed at its contract's `export default`.
      expect(text.stdout).toContain("breaking DECLARATION_REMOVED  shop.rpcs.Cancel  (full)\n  at contracts/shop.contract.ts:6\n")
      const md = yield* codegen(["compat", "--format", "markdown"], s.dir)
      expect(md.stdout).toContain(
        "| ❌ | `FIELD_REMOVED` | `shop.events.OrderPlaced.note` | `contracts/shop.contract.ts:7` | " +
          "shop.events.OrderPlaced (forward)<br>shop.rpcs.ListOrders.success (forward)<br>shop.entities.Cart.Checkout.payload (forward) | required field `note` removed |"
      )
      expect(md.stdout).toContain("```sh\n# FIELD_REMOVED at shop.events.OrderPlaced.note\nnpx codegen lock --accept shop.events.OrderPlaced.note --accept")
      expect(md.stdout).toContain("# DECLARATION_REMOVED at shop.rpcs.Cancel\nnpx codegen lock --accept shop.rpcs.Cancel --reason \"…\"\n# all of the above in one run")
      const json = JSON.parse((yield* codegen(["compat", "--format", "json"], s.dir)).stdout) as {
        readonly findings: ReadonlyArray<{ readonly accept: string; readonly affects: ReadonlyArray<unknown> }>
      }
      expect(json.findings.map((f) => f.affects.length)).toEqual([3, 1])
      const run = (command: string) =>
        Scratch.exec("sh", ["-c", command.replace("npx codegen", `"${process.execPath}" "${root}/generator/cli/bin.mjs"`).replace("…", "drained")], s.dir)
      // One finding's command alone: lock still refuses while the other break is left unaccepted.
      const one = yield* run(json.findings[1]!.accept)
      expect([one.status, one.stderr]).toEqual([1, expect.stringContaining("1 breaking change(s) not accepted")])
      // The printed `accept all` command, run as printed (quoting included), accepts every occurrence of both.
      const all = text.stdout.split("\n").find((l) => l.startsWith("accept all: "))!.slice("accept all: ".length)
      expect(all).toBe(`${json.findings[0]!.accept.replace(" --reason \"…\"", "")} --accept shop.rpcs.Cancel --reason "…"`)
      const accepted = yield* run(all)
      expect(accepted.status, accepted.stderr).toBe(0)
      const after = yield* codegen(["compat"], s.dir)
      expect([after.status, after.stdout.split("\n")[0]]).toEqual([0, "codegen compat: COMPATIBLE: 0 breaking, 0 warning(s), 4 accepted (against contracts.lock.json)"])
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))
})
