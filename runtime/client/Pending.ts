/**
 * The requests a transport has taken and not yet seen answered, and what becomes of them when the connection
 * they were written on is lost: an idempotent unary call (listed as such, or whose payload carries a primary
 * key) is kept to be written again once a connection is open; any other call, streams included, is answered
 * with `Unavailable { outcome: "unknown" }` (it may or may not have run). Requests not yet written just wait.
 * Synchronous bookkeeping, called from the transports' effects; it never touches a socket.
 */
import type * as Rpc from "@effect/rpc/Rpc"
import type * as RpcMessage from "@effect/rpc/RpcMessage"
import * as RpcSchema from "@effect/rpc/RpcSchema"
import * as PrimaryKey from "effect/PrimaryKey"
import type { ClientSettings } from "./Settings.js"

interface _Entry {
  readonly request: RpcMessage.RequestEncoded
  /** Written again after a reconnect instead of failing. */
  readonly replay: boolean
  readonly call: ClientSettings.Call | undefined
  /** The connection (a generation number) it was written on; `undefined` while it waits for one. */
  sentOn: number | undefined
}

/** An RPC made with `Rpc.make(tag, { primaryKey })`: its payload class carries the key. */
const _keyed = (rpc: Rpc.AnyWithProps): boolean => {
  const schema: unknown = rpc.payloadSchema
  return typeof schema === "function" && typeof schema.prototype === "object" && schema.prototype !== null &&
    PrimaryKey.symbol in schema.prototype
}

const make = (rpcs: ReadonlyMap<string, Rpc.AnyWithProps>, idempotent: ReadonlySet<string>) => {
  const entries = new Map<string, _Entry>()
  const replayable = (tag: string) => {
    const rpc = rpcs.get(tag)
    return rpc !== undefined && !RpcSchema.isStreamSchema(rpc.successSchema) && (idempotent.has(tag) || _keyed(rpc))
  }
  return {
    /** Take a request the client sends, with the record of the call sending it. */
    add: (request: RpcMessage.RequestEncoded, call: ClientSettings.Call | undefined): _Entry => {
      const entry: _Entry = { request, replay: replayable(request.tag), call, sentOn: undefined }
      entries.set(request.id, entry)
      return entry
    },
    /** Whether `entry` still waits for its answer (not answered, interrupted or failed meanwhile). */
    live: (entry: _Entry): boolean => entries.get(entry.request.id) === entry,
    /** `entry` was written on connection `generation`. */
    sent: (entry: _Entry, generation: number): void => {
      entry.sentOn = generation
      entry.call === undefined || (entry.call.written = true)
    },
    get: (id: string): _Entry | undefined => entries.get(id),
    /** The call is over (answered, or interrupted by its caller). */
    done: (id: string): void => void entries.delete(id),
    /** Connection `generation` is gone: the entries to write again, and those failed (and forgotten). */
    lost: (generation: number) => {
      const cut = [...entries.values()].filter((e) => e.sentOn === generation)
      cut.forEach((e) => e.replay ? (e.sentOn = undefined) : entries.delete(e.request.id))
      return { replay: cut.filter((e) => e.replay), failed: cut.filter((e) => !e.replay) }
    },
    /** Every request still waiting (the client is closing). */
    clear: (): void => entries.clear()
  }
}

export const ClientPending = { make } as const

export declare namespace ClientPending {
  type Entry = _Entry
  type Pending = ReturnType<typeof make>
}
