/**
 * The IR: plain readonly data describing every contract, built once by `Validate` and consumed by the
 * emitters without reinterpreting the contracts. `Ir.link` checks what spans contracts (unique names).
 */
import { ContractError } from "./ContractError.js"
import type { SchemaIr } from "./SchemaIr.js"

const _kinds = ["events", "rpcs", "entities", "workflows", "schedules"] as const

/** Names that share a namespace across contracts (entity types, workflow names, …) must be unique. */
const link = (contracts: ReadonlyArray<Ir.Contract>): ReadonlyArray<ContractError> => {
  const seen = new Map<string, Ir.Contract>()
  const errors: Array<ContractError> = []
  const claim = (key: string, owner: Ir.Contract, line: number, what: string, hint: string) => {
    const first = seen.get(key)
    first === undefined
      ? seen.set(key, owner)
      : errors.push(new ContractError({ file: owner.file, line, message: `${what} (also declared in ${first.file})`, hint }))
  }
  contracts.forEach((c) => {
    claim(`contract:${c.name}`, c, c.line, `duplicate contract name "${c.name}"`, "give each contract its own name")
    _kinds.forEach((kind) =>
      c[kind].forEach((d) =>
        claim(
          `${kind}:${d.name.toLowerCase()}`,
          c,
          d.line,
          `duplicate ${kind.slice(0, -1)} name "${d.name}"`,
          "names of one kind share the cluster's namespace (and, ignoring case, file names) across contracts; rename one"
        )
      )
    )
  })
  return errors
}

/** Every declaration of the IR, in source order. */
export interface Ir {
  readonly contracts: ReadonlyArray<Ir.Contract>
}

export const Ir = { link, kinds: _kinds } as const

export declare namespace Ir {
  interface Decl {
    readonly name: string
    readonly doc: string | undefined
    readonly line: number
  }
  interface Contract {
    readonly name: string
    /** PascalCase form of `name`, the prefix of generated identifiers. */
    readonly pascal: string
    /** Absolute path of the contract file. */
    readonly file: string
    readonly line: number
    readonly doc: string | undefined
    readonly events: ReadonlyArray<Event>
    readonly rpcs: ReadonlyArray<Rpc>
    readonly entities: ReadonlyArray<Entity>
    readonly workflows: ReadonlyArray<Workflow>
    readonly schedules: ReadonlyArray<Schedule>
  }
  interface Event extends Decl {
    readonly payload: SchemaIr
  }
  interface Rpc extends Decl {
    readonly payload: SchemaIr
    /** How the payload was given: a fields object, a Struct / Class (has `.fields`), or another schema. */
    readonly payloadKind: "fields" | "struct" | "schema"
    readonly success: SchemaIr
    readonly error: SchemaIr
    readonly stream: boolean
    readonly persisted: boolean
    readonly primaryKey: boolean
  }
  interface Entity extends Decl {
    readonly rpcs: ReadonlyArray<Rpc>
    readonly mailboxCapacity: number | "unbounded" | undefined
    readonly concurrency: number | "unbounded" | undefined
    readonly maxIdleTime: string | undefined
  }
  interface Workflow extends Decl {
    /** Oldest first, as declared. */
    readonly versions: ReadonlyArray<SchemaIr>
    readonly success: SchemaIr
    readonly error: SchemaIr
  }
  type Schedule = Decl & (
    | { readonly kind: "cron"; readonly cron: string; readonly skipIfOlderThan: string | undefined }
    | { readonly kind: "singleton" }
  )
}
