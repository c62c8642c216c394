/**
 * The runtime schemas of a contract module by slot path and role, as `generator/compat/Slots.ts` names
 * them from the IR: what the compat property test samples and decodes. Test-only; imports the module.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Contract } from "effect-contracts"
import { pathToFileURL } from "node:url"
import type { Slots } from "../../generator/compat/Slots.js"

type _S = Schema.Schema.AnyNoContext

const _schema = (u: unknown): _S => Schema.isSchema(u) ? u as _S : Schema.Struct(u as Schema.Struct.Fields) as unknown as _S

const _rpc = (owner: string, r: Contract.Rpc.Any, kind: "rpc" | "message" | "persisted"): ReadonlyArray<ContractSchemas.Slot> => [
  { path: `${owner}.payload`, role: `${kind}-payload`, schema: _schema(r.payload) },
  { path: `${owner}.success`, role: `${kind}-success`, schema: r.success },
  { path: `${owner}.error`, role: `${kind}-error`, schema: r.error as _S }
]

/** Every slot of a contract value (workflow payload versions included, oldest first). */
const slots = (c: Contract.Any): ReadonlyArray<ContractSchemas.Slot> => [
  ...Object.entries(c.events ?? {}).map(([n, e]) => ({ path: `${c.name}.events.${n}`, role: "event" as const, schema: e.payload })),
  ...Object.entries(c.rpcs ?? {}).flatMap(([n, r]) => _rpc(`${c.name}.rpcs.${n}`, r, "rpc")),
  ...Object.entries(c.entities ?? {}).flatMap(([e, entity]) =>
    Object.entries(entity.rpcs).flatMap(([m, r]) => _rpc(`${c.name}.entities.${e}.${m}`, r, r.persisted ? "persisted" : "message"))
  ),
  ...Object.entries(c.workflows ?? {}).flatMap(([n, w]) => [
    ...w.versions.map((v, i) => ({ path: `${c.name}.workflows.${n}.v${i + 1}`, role: "workflow-payload" as const, schema: v })),
    { path: `${c.name}.workflows.${n}.success`, role: "workflow-success" as const, schema: w.success },
    { path: `${c.name}.workflows.${n}.error`, role: "workflow-error" as const, schema: w.error as _S }
  ])
]

/** The slots of the contract a `*.contract.ts` file exports by default. */
const load = (file: string) =>
  Effect.promise(() => import(pathToFileURL(file).href) as Promise<{ readonly default: unknown }>).pipe(
    Effect.map((m) => Contract.isContract(m.default) ? slots(m.default) : [])
  )

export const ContractSchemas = { slots, load } as const

export declare namespace ContractSchemas {
  interface Slot {
    readonly path: string
    readonly role: Slots.Role
    readonly schema: Schema.Schema.AnyNoContext
  }
}
