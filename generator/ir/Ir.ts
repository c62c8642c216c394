/**
 * The IR: plain readonly data describing every contract, built once by `Validate` and consumed by the
 * emitters without reinterpreting the contracts. `Ir.link` checks what spans contracts (unique names).
 */
import { ContractError } from "../ContractError.js"
import type { SchemaIr } from "./SchemaIr.js"

/** Kinds whose names share the cluster's namespace across contracts; public RPCs share the edge's (`_tags`). */
const _kinds = ["events", "entities", "workflows", "schedules"] as const

const _tagHint = "the edge serves every contract's public RPCs and channels over one WebSocket endpoint, merged into one group: " +
  "tags must be unique across contracts (ignoring case); rename one"

/** The key of a contract's channel RPCs in the app's record of RPC groups (`AppRpcs`): `<contract>Channels`. */
const channelGroup = (c: { readonly name: string }): string => `${c.name}Channels`

/**
 * Names that share a namespace across contracts (entity types, workflow names, public RPC and channel tags,
 * the keys of `AppRpcs`) must be unique, and a subscription's publisher must be a contract of the run.
 * `loaded` names every contract that loaded, valid or not, so a subscription to a contract with errors of
 * its own is not reported twice.
 */
const link = (contracts: ReadonlyArray<Ir.Contract>, loaded: ReadonlyArray<string> = []): ReadonlyArray<ContractError> => {
  const seen = new Map<string, Ir.Contract>()
  const errors: Array<ContractError> = []
  const claim = (key: string, owner: Ir.Contract, line: number, what: string, hint: string) => {
    const first = seen.get(key)
    first === undefined
      ? seen.set(key, owner)
      : errors.push(new ContractError({ file: owner.file, line, message: `${what} (also declared in contract "${first.name}", ${first.file})`, hint }))
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
    const tags = [
      ...c.rpcs.map((r) => ({ tag: r.name, line: r.line, what: "public RPC" })),
      ...c.channels.map((ch) => ({ tag: `${c.name}.${ch.name}`, line: ch.line, what: "channel" }))
    ]
    tags.forEach((t) => claim(`tag:${t.tag.toLowerCase()}`, c, t.line, `${t.what} tag "${t.tag}" of contract "${c.name}" is not unique across the app`, _tagHint))
    // A second contract of the same name is reported once, as such, not again for its groups.
    const own = seen.get(`contract:${c.name}`) === c
    const groups = own ? [...(c.rpcs.length > 0 ? [c.name] : []), ...(c.channels.length > 0 ? [channelGroup(c)] : [])] : []
    groups.forEach((g) =>
      claim(
        `group:${g}`,
        c,
        c.line,
        `the app's RPC group "${g}" of contract "${c.name}" clashes with another contract's`,
        "`AppRpcs` keys a contract's RPCs by its name and its channels by `<name>Channels`: rename a contract"
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

export const Ir = { link, kinds: _kinds, channelGroup } as const

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
    readonly channels: ReadonlyArray<Channel>
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
    /** Declared `idempotent`: safe to run twice, so the client replays it after a reconnect. */
    readonly idempotent: boolean
    /** Runs only for a verified principal (a public RPC of a contract with `auth`, mode `"required"`). */
    readonly auth: boolean
  }
  interface Entity extends Decl {
    readonly rpcs: ReadonlyArray<Rpc>
    /** Its durable state (`state` with an `initial` value), stored in SQL by the runtime; absent when stateless. */
    readonly state: EntityStateDecl | undefined
    readonly mailboxCapacity: number | "unbounded" | undefined
    readonly concurrency: number | "unbounded" | undefined
    readonly maxIdleTime: string | undefined
  }
  /** An entity's `state`: its line and doc comment are the `state` property's (the name is always `state`). */
  interface EntityStateDecl extends Decl {
    readonly schema: SchemaIr
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
  /** A realtime channel: payloads published under a key, streamed to the key's subscribers. */
  interface Channel extends Decl {
    /** Its wire form is a string (validated): the stream's address. */
    readonly key: SchemaIr
    readonly payload: SchemaIr
    /** `"required"`: subscribers need a verified principal that `allow` lets through; `"none"`: anyone. */
    readonly auth: "required" | "none"
    /** Whether the channel declares `allow` (always, when `auth` is `"required"`). */
    readonly allow: boolean
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
