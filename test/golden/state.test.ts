/**
 * Golden scenario `state` (entities with durable state): the entity module exports a state service typed by the
 * contract, the contract layer activates it around the handlers, the app layer provides the state table, the stub
 * yields the service, and the state is a compat slot checked both ways. Byte-for-byte comparison: golden.test.ts.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { pathToFileURL } from "node:url"
import { Slots } from "../../generator/compat/Slots.js"
import { Pipeline } from "../../generator/Pipeline.js"
import { Golden } from "./Golden.js"

const scenarios = await Effect.runPromise(Golden.scenarios.pipe(Effect.provide(NodeContext.layer)))
const state = scenarios.find((s) => s.name === "state")!

const _files = Pipeline.emit(state.paths).pipe(
  Effect.map(({ files, ir }) => ({ ir, file: (rel: string) => files.find((f) => f.path === `${state.dir}/${rel}`)?.content ?? "" })),
  Effect.provide(NodeContext.layer)
)

const _import = <A>(rel: string) => Effect.promise(() => import(pathToFileURL(`${state.dir}/${rel}`).href) as Promise<A>)

describe("golden/state", () => {
  it.effect("a stateful entity's module exports `<Entity>State`, made from the contract's declaration; a stateless one does not", () =>
    Effect.gen(function*() {
      const { file } = yield* _files
      const account = file("generated/bank/entities/Account.ts")
      expect(account).toContain(`import { EntityState } from "effect-contracts/EntityState"`)
      expect(account).toContain(`export const AccountState = EntityState.make("Account", BankContract.entities.Account)`)
      expect(account).toContain("state (wire): `{ cents: number; deposits: Array<{ ref: string; cents: number }>; frozen?: boolean | undefined }`")
      expect(file("generated/bank/entities/Vault.ts")).toContain(`export const VaultState = EntityState.make("Vault", BankContract.entities.Vault)`)
      expect(file("generated/bank/entities/Teller.ts")).not.toContain("EntityState")
      const { AccountState } = yield* _import<{ readonly AccountState: Context.Tag<unknown, unknown> & { readonly entityType: string; readonly activate: unknown } }>(
        "generated/bank/entities/Account.ts"
      )
      expect(Context.isTag(AccountState)).toBe(true)
      expect(AccountState.key).toBe("effect-contracts/EntityState/Account")
      expect(AccountState.entityType).toBe("Account")
      expect(typeof AccountState.activate).toBe("function")
    }))

  it.effect("the contract layer activates the state around the handlers; the app layer provides the state table", () =>
    Effect.gen(function*() {
      const { file } = yield* _files
      const layer = file("generated/bank/Layer.ts")
      expect(layer).toContain("AccountEntity.toLayer(AccountState.activate(AccountHandlers), { concurrency: 1 })")
      expect(layer).toContain("VaultEntity.toLayer(VaultState.activate(VaultHandlers))")
      expect(layer).toContain("TellerEntity.toLayer(TellerHandlers)")
      const app = file("generated/Layer.ts")
      expect(app).toContain(`import { EntityState } from "effect-contracts/EntityState"`)
      expect(app).toContain("Layer.provideMerge(EntityState.layer)")
    }))

  it.effect("the stub yields the state service and reads it before it dies, so it type-checks as written", () =>
    Effect.gen(function*() {
      const { file } = yield* _files
      const stub = file("handlers/bank/entities/Account.ts")
      expect(stub).toContain(`import { AccountEntity, AccountState } from "../../../generated/bank/entities/Account.js"`)
      expect(stub).toContain("  const state = yield* AccountState\n  return AccountEntity.of({")
      expect(stub).toMatch(/Deposit: \(request\) => Effect\.zipRight\(state\.get, Effect\.dieMessage\("not implemented: bank\/Account\.Deposit/)
      expect(stub).toMatch(/Watch: \(request\) => Stream\.unwrap\(Effect\.as\(state\.get, Stream\.dieMessage\(/)
      expect(file("handlers/bank/entities/Teller.ts")).not.toContain("TellerState")
    }))

  it.effect("each state is one compat slot, `<contract>.entities.<Entity>.state`, checked in both directions at its line", () =>
    Effect.gen(function*() {
      const { ir } = yield* _files
      const slots = Slots.fromIr(ir).filter((s) => s.role === "entity-state")
      expect(slots.map((s) => [s.path, s.owner])).toStrictEqual([
        ["bank.entities.Account.state", "bank.entities.Account.state"],
        ["bank.entities.Vault.state", "bank.entities.Vault.state"]
      ])
      expect(Slots.dirs["entity-state"]).toStrictEqual(Slots.dirs["event"])
      expect(slots[0]?.line).toBe(ir.contracts[0]?.entities[0]?.state?.line)
      expect(ir.contracts[0]?.entities[0]?.state?.doc).toBe("The balance and the deposits that made it.")
    }))
})
