/**
 * Rows of @effect/cluster's message tables (`cluster_messages`, `cluster_replies`) to and from the
 * library's encoded envelopes and replies, for `ClusterStorage`. Same columns and codes as the library's
 * own SQL storage, so either can read what the other wrote. Pure: no SQL here.
 */
import type * as Envelope from "@effect/cluster/Envelope"
import type * as Reply from "@effect/cluster/Reply"
import { ShardId } from "@effect/cluster/ShardId"
import * as Option from "effect/Option"

/** `cluster_messages.kind`. */
const _kind = { Request: 0, AckChunk: 1, Interrupt: 2 } as const

/** `cluster_replies.kind`: 0 for an exit, NULL for a stream chunk. */
const _replyKind = { WithExit: 0, Chunk: null } as const

/** The row for an envelope (its `message_id` is the primary key, or NULL). */
const fromEnvelope = (envelope: Envelope.Envelope.Encoded, messageId: string | null, deliverAt: number | null): ClusterStorageRows.Message => {
  const address = {
    shard_id: ShardId.toString(envelope.address.shardId),
    entity_type: envelope.address.entityType,
    entity_id: envelope.address.entityId
  }
  const empty = { tag: null, payload: null, headers: null, trace_id: null, span_id: null, sampled: null }
  return envelope._tag === "Request"
    ? {
      id: envelope.requestId,
      message_id: messageId,
      ...address,
      kind: _kind.Request,
      tag: envelope.tag,
      payload: JSON.stringify(envelope.payload),
      headers: JSON.stringify(envelope.headers),
      trace_id: envelope.traceId ?? null,
      span_id: envelope.spanId ?? null,
      sampled: envelope.sampled ?? null,
      request_id: envelope.requestId,
      reply_id: null,
      deliver_at: deliverAt
    }
    : {
      id: envelope.id,
      message_id: messageId,
      ...address,
      kind: _kind[envelope._tag],
      ...empty,
      request_id: envelope.requestId,
      reply_id: envelope._tag === "AckChunk" ? envelope.replyId : null,
      deliver_at: deliverAt
    }
}

const _address = (row: ClusterStorageRows.Selected) => ({
  shardId: ShardId.fromStringEncoded(row.shard_id),
  entityType: row.entity_type,
  entityId: row.entity_id
})

/** The library's reading of a stored chunk as the last reply a request sent (to resume a stream). */
const _lastSent = (row: ClusterStorageRows.Selected, reply: Option.Option<ClusterStorageRows.ReplySelected>) =>
  Option.map(reply, (r): Reply.ReplyEncoded<never> => ({
    _tag: "Chunk",
    id: String(r.id),
    requestId: String(row.request_id),
    sequence: Number(r.sequence),
    values: JSON.parse(r.payload)
  }))

const _envelopes: Record<ClusterStorageRows.Selected["kind"], (row: ClusterStorageRows.Selected) => Envelope.Envelope.Encoded> = {
  0: (row) => ({
    _tag: "Request",
    requestId: String(row.id),
    address: _address(row),
    tag: row.tag ?? "",
    payload: JSON.parse(row.payload ?? "null"),
    headers: JSON.parse(row.headers ?? "{}"),
    traceId: row.trace_id ?? undefined,
    spanId: row.span_id ?? undefined,
    sampled: !!row.sampled
  }),
  1: (row) => ({
    _tag: "AckChunk",
    id: String(row.id),
    requestId: String(row.request_id),
    replyId: String(row.reply_id),
    address: _address(row)
  }),
  2: (row) => ({ _tag: "Interrupt", id: String(row.id), requestId: String(row.request_id), address: _address(row) })
}

/** A stored message as the library's storage loop wants it; `reply` is the row its `last_reply_id` names. */
const toMessage = (row: ClusterStorageRows.Selected, reply: Option.Option<ClusterStorageRows.ReplySelected>) => ({
  envelope: _envelopes[row.kind](row),
  lastSentReply: row.kind === _kind.Request ? _lastSent(row, reply) : Option.none()
})

/** The row for a reply. */
const fromReply = (reply: Reply.ReplyEncoded<never>): ClusterStorageRows.Reply => ({
  id: reply.id,
  kind: _replyKind[reply._tag],
  request_id: reply.requestId,
  payload: reply._tag === "WithExit" ? JSON.stringify(reply.exit) : JSON.stringify(reply.values),
  sequence: reply._tag === "Chunk" ? reply.sequence : null
})

/** A stored reply as the library wants it. */
const toReply = (row: ClusterStorageRows.ReplySelected): Reply.ReplyEncoded<never> =>
  row.kind === null
    ? { _tag: "Chunk", id: String(row.id), requestId: String(row.request_id), values: JSON.parse(row.payload), sequence: Number(row.sequence) }
    : { _tag: "WithExit", id: String(row.id), requestId: String(row.request_id), exit: JSON.parse(row.payload) }

/** Stored messages in arrival order (`rowid`; `UPDATE … RETURNING` does not keep it). */
const byRowid = <A extends { readonly rowid: string | bigint }>(rows: ReadonlyArray<A>): Array<A> =>
  [...rows].sort((a, b) => (BigInt(a.rowid) < BigInt(b.rowid) ? -1 : BigInt(a.rowid) > BigInt(b.rowid) ? 1 : 0))

export const ClusterStorageRows = { kind: _kind, fromEnvelope, toMessage, fromReply, toReply, byRowid } as const

export declare namespace ClusterStorageRows {
  /** The columns of `cluster_messages` written and read alike. */
  interface Columns {
    readonly shard_id: string
    readonly entity_type: string
    readonly entity_id: string
    readonly kind: 0 | 1 | 2
    readonly tag: string | null
    readonly payload: string | null
    readonly headers: string | null
    readonly trace_id: string | null
    readonly span_id: string | null
    readonly sampled: boolean | null
  }
  /** A row to insert into `cluster_messages`. */
  interface Message extends Columns {
    readonly id: string
    readonly message_id: string | null
    readonly request_id: string
    readonly reply_id: string | null
    readonly deliver_at: number | null
  }
  /** A row read from `cluster_messages` (int8 columns arrive as strings from node-postgres). */
  interface Selected extends Columns {
    readonly id: string | bigint
    readonly rowid: string | bigint
    readonly request_id: string | bigint
    readonly reply_id: string | bigint | null
    readonly last_reply_id: string | bigint | null
  }
  /** A row to insert into `cluster_replies`. */
  interface Reply {
    readonly id: string
    readonly kind: 0 | null
    readonly request_id: string
    readonly payload: string
    readonly sequence: number | null
  }
  /** A row read from `cluster_replies`. */
  interface ReplySelected {
    readonly id: string | bigint
    readonly kind: 0 | null
    readonly request_id: string | bigint
    readonly payload: string
    readonly sequence: number | bigint | null
  }
}
