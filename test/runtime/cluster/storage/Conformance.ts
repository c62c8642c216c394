/**
 * The storage conformance suite's harness: every row (one behaviour of @effect/cluster's `MessageStorage`
 * contract) runs against the project's `ClusterStorage` and the library's own `SqlMessageStorage`, on one
 * embedded PostgreSQL database, each row on fresh tables (its own table prefix), so any difference between
 * the two shows as a failing row. Builders here make the requests and replies the rows store.
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as EntityAddress from "@effect/cluster/EntityAddress"
import { EntityId } from "@effect/cluster/EntityId"
import { EntityType } from "@effect/cluster/EntityType"
import * as Envelope from "@effect/cluster/Envelope"
import * as Message from "@effect/cluster/Message"
import type * as MessageStorage from "@effect/cluster/MessageStorage"
import * as Reply from "@effect/cluster/Reply"
import * as ShardId from "@effect/cluster/ShardId"
import * as Snowflake from "@effect/cluster/Snowflake"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as Headers from "@effect/platform/Headers"
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcSchema from "@effect/rpc/RpcSchema"
import type * as SqlClient from "@effect/sql/SqlClient"
import { describe, layer } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { ClusterStorage } from "../../../../runtime/cluster/storage/ClusterStorage.js"
import { Postgres } from "../../../../runtime/postgres/Postgres.js"

/** A persisted RPC deduplicated by its `id`. */
const Keyed = Rpc.make("Keyed", { payload: { id: Schema.String }, primaryKey: (p) => p.id })
  .annotate(ClusterSchema.Persisted, true)
/** A persisted streaming RPC deduplicated by its `id`. */
const Streamed = Rpc.make("Streamed", {
  payload: { id: Schema.String },
  success: RpcSchema.Stream({ success: Schema.Number, failure: Schema.Never }),
  primaryKey: (p) => p.id
}).annotate(ClusterSchema.Persisted, true)
/** A persisted RPC without a primary key: every request is new. */
const Plain = Rpc.make("Plain", { payload: { n: Schema.Number } }).annotate(ClusterSchema.Persisted, true)

type _Rpc = typeof Keyed | typeof Streamed | typeof Plain
type _Request = Message.OutgoingRequest<_Rpc>

const shard = ShardId.make("default", 1)

const address = (entity = "e1") =>
  EntityAddress.make({ shardId: shard, entityType: EntityType.make("Conformance"), entityId: EntityId.make(entity) })

const _next = Effect.map(Snowflake.Generator, (g) => g.unsafeNext())

const _request = <R extends _Rpc>(rpc: R, payload: Rpc.Payload<R>, entity?: string) =>
  Effect.map(_next, (requestId) =>
    new Message.OutgoingRequest<_Rpc>({
      envelope: Envelope.makeRequest<_Rpc>({ requestId, address: address(entity), tag: rpc._tag, payload, headers: Headers.empty }),
      lastReceivedReply: Option.none(),
      rpc,
      context: Context.empty(),
      respond: () => Effect.void
    }))

/** A request keyed by `id` (a streaming one when `stream`), to entity `entity`. */
const keyed = (id: string, options: { readonly stream?: boolean; readonly entity?: string } = {}) =>
  options.stream === true
    ? _request(Streamed, Streamed.payloadSchema.make({ id }), options.entity)
    : _request(Keyed, Keyed.payloadSchema.make({ id }), options.entity)

/** A request without a primary key. */
const plain = (n: number, entity?: string) => _request(Plain, Plain.payloadSchema.make({ n }), entity)

/** The final reply of `request` (a success). */
const exit = (request: _Request) =>
  Effect.map(_next, (id) =>
    new Reply.ReplyWithContext<_Rpc>({
      reply: new Reply.WithExit<_Rpc>({ requestId: request.envelope.requestId, id, exit: Exit.void }),
      rpc: request.rpc,
      context: request.context
    }))

/** Stream chunk `sequence` of `request`. */
const chunk = (request: _Request, sequence: number) =>
  Effect.map(_next, (id) =>
    new Reply.ReplyWithContext<typeof Streamed>({
      reply: new Reply.Chunk<typeof Streamed>({ requestId: request.envelope.requestId, id, sequence, values: [sequence] }),
      rpc: Streamed,
      context: request.context
    }))

/** The sender's acknowledgement of `chunk`. */
const ack = <R extends Rpc.Any>(request: _Request, chunk: Reply.ReplyWithContext<R>) =>
  Effect.map(_next, (id) =>
    new Message.OutgoingEnvelope({
      envelope: new Envelope.AckChunk({ id, address: request.envelope.address, requestId: request.envelope.requestId, replyId: chunk.reply.id }),
      rpc: request.rpc
    }))

/** Request ids as strings, for comparing what a read returned with what was stored. */
const ids = <R extends Rpc.Any>(messages: Iterable<Message.Incoming<R>>) =>
  [...messages].map((m) => String(m._tag === "IncomingRequest" ? m.envelope.requestId : m.envelope.id))

const idsOf = (requests: ReadonlyArray<_Request>) => requests.map((r) => String(r.envelope.requestId))

/** The storages under test, each made on table prefix `prefix`. */
const _storages = {
  ClusterStorage: (prefix: string) => ClusterStorage.make({ prefix }),
  SqlMessageStorage: (prefix: string) => SqlMessageStorage.make({ prefix })
} as const

type _Kind = keyof typeof _storages

/** What a row gets: `runner()` makes one more storage (a runner) over this row's own tables. */
interface _Env {
  readonly kind: _Kind
  readonly prefix: string
  readonly runner: () => Effect.Effect<MessageStorage.MessageStorage["Type"], never, SqlClient.SqlClient | Snowflake.Generator | Scope.Scope>
}

type _Row = (env: _Env) => Effect.Effect<void, unknown, SqlClient.SqlClient | Snowflake.Generator | Scope.Scope>

let _tables = 0

/** One `describe` per storage, one test per row; a row named in `fails[kind]` is expected to fail there. */
const suite = (title: string, rows: Record<string, _Row>, fails: Partial<Record<_Kind, Record<string, string>>> = {}) =>
  layer(Layer.merge(Postgres.layerClient, Snowflake.layerGenerator), { timeout: "120 seconds", excludeTestServices: true })(title, (it) => {
    for (const kind of Object.keys(_storages) as Array<_Kind>) {
      describe(kind, () => {
        for (const [name, row] of Object.entries(rows)) {
          const known = fails[kind]?.[name]
          const test = known === undefined ? it.scoped : it.scoped.fails
          test(known === undefined ? name : `${name} (known to fail: ${known})`, () =>
            Effect.suspend(() => {
              const prefix = `${kind === "ClusterStorage" ? "ours" : "lib"}${++_tables}`
              return row({ kind, prefix, runner: () => Effect.orDie(_storages[kind](prefix)) })
            }))
        }
      })
    }
  })

export const Conformance = { suite, keyed, plain, exit, chunk, ack, ids, idsOf, shard, address } as const

export declare namespace Conformance {
  type Request = _Request
  type Storage = MessageStorage.MessageStorage["Type"]
  type Row = _Row
  type Kind = _Kind
}
