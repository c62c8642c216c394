/**
 * The IR: plain readonly data describing every contract, built once by `Validate` and consumed by the
 * emitters without reinterpreting the contracts. `Ir.link` checks what spans contracts (unique names).
 */
import { ContractError } from "../ContractError.js"
import type { SchemaIr } from "./SchemaIr.js"

const _kinds = ["events", "rpcs", "entities", "workflows", "schedules"] as const

/**
 * Names that share a namespace across contracts (entity types, workflow names, …) must be unique, and a
 * subscription's publisher must be a contract of the run. `loaded` names every contract that loaded,
 * valid or not, so a subscription to a contract with errors of its own is not reported twice.
 */
const link = (contracts: ReadonlyArray<Ir.Contract>, loaded: ReadonlyArray<string> = []): ReadonlyArray<ContractError> => {
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
  const known = new Set([...loaded, ...contracts.map((c) => c.name)])
  contracts.forEach((c) =>
    c.subscriptions.filter((s) => !known.has(s.to)).forEach((s) =>
      errors.push(
        new ContractError({
          file: c.file,
          line: s.line,
          message: `subscription ${s.name} subscribes to contract "${s.to}", which is not one of the contracts codegen reads`,
          hint: `put the contract file of "${s.to}" in the contracts folder, or subscribe to a contract that is there`
        })
      )
    )
  )
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
    /** The `auth` section: who a verified caller is. Absent when every public RPC is anonymous. */
    readonly auth: Auth | undefined
    readonly events: ReadonlyArray<Event>
    readonly rpcs: ReadonlyArray<Rpc>
    readonly entities: ReadonlyArray<Entity>
    readonly workflows: ReadonlyArray<Workflow>
    readonly schedules: ReadonlyArray<Schedule>
    readonly subscriptions: ReadonlyArray<Subscription>
    readonly jobs: ReadonlyArray<Job>
    readonly webhooks: ReadonlyArray<Webhook>
  }
  interface Auth {
    readonly principal: SchemaIr
    readonly line: number
  }
  interface Event extends Decl {
    readonly payload: SchemaIr
  }
  interface Rpc extends Decl {
    readonly payload: SchemaIr
    readonly success: SchemaIr
    readonly error: SchemaIr
    readonly stream: boolean
    readonly persisted: boolean
    readonly primaryKey: boolean
    /** Runs only for a verified principal (a public RPC of a contract with `auth`, mode `"required"`). */
    readonly auth: boolean
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
  interface Subscription extends Decl {
    /** The publishing contract's name. */
    readonly to: string
    /** The subscribed event names, as declared (each one an event of `to`). */
    readonly events: ReadonlyArray<string>
  }
  interface Job extends Decl {
    readonly payload: SchemaIr
    readonly success: SchemaIr
    readonly error: SchemaIr
    readonly concurrency: number | "unbounded" | undefined
    readonly mailboxCapacity: number | "unbounded" | undefined
    readonly keepAlive: boolean
    readonly retry: { readonly times: number } | undefined
    readonly partitions: number | undefined
    readonly maxIdleTime: string | undefined
  }
  interface Webhook extends Decl {
    readonly payload: SchemaIr
    /** As declared: explicit waits, or `times` waits growing from `base`; durations as written (`"5 minutes"`). */
    readonly retry:
      | { readonly kind: "delays"; readonly delays: ReadonlyArray<string>; readonly jitter: number | undefined }
      | {
        readonly kind: "backoff"
        readonly times: number
        readonly base: string
        readonly factor: number | undefined
        readonly max: string | undefined
        readonly jitter: number | undefined
      }
      | undefined
    readonly attemptTimeout: string | undefined
    readonly deadline: string | undefined
  }
}
