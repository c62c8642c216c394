/**
 * One subscriber's stream of (channel, key), from a cursor or from now: it attaches to the pod's hub, reads
 * where the stream stands, decides whether the cursor can be resumed (same epoch, not ahead, not behind
 * retention) or is a gap, and then yields each message exactly once and in order. A subscription from now
 * opens with `Start`, the cursor of where "now" was, so that a subscriber cut before its first message resumes
 * from there and misses nothing. A message arriving after a hole is preceded by the missing ones read from
 * the log, so a lost wake-up delays, never drops. Items carry payloads as stored (encoded JSON): SSE sends
 * them as they are, typed callers decode them.
 */
import type * as SqlError from "@effect/sql/SqlError"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { RealtimeHub } from "./Hub.js"
import { RealtimeLog } from "./Log.js"

/**
 * An item of a subscription: where a subscription from now starts, a message with its cursor, a gap before
 * `cursor`, or the end of a lagging subscriber.
 */
type Raw =
  | { readonly _tag: "Start"; readonly cursor: string }
  | { readonly _tag: "Message"; readonly cursor: string; readonly payload: string }
  | { readonly _tag: "Gap"; readonly cursor: string; readonly message: string }
  | { readonly _tag: "Lagged"; readonly cursor: string; readonly message: string }

/** Messages a resuming subscriber reads from the log per query. */
const _historyPage = 100

/** `<epoch>.<seq>`: the epoch of a stream that has never been written is `0`. */
const cursor = (epoch: string | undefined, seq: number): string => `${epoch ?? "0"}.${seq}`

const _parse = (c: string): { readonly epoch: string; readonly seq: number } | undefined => {
  const at = c.lastIndexOf(".")
  const seq = Number(c.slice(at + 1))
  return at < 1 || !Number.isSafeInteger(seq) || seq < 0 ? undefined : { epoch: c.slice(0, at), seq }
}

interface _Start {
  readonly delivered: number
  readonly gap: string | undefined
}

/** Where a subscriber starts, and why it cannot resume when it cannot. */
const _start = (head: RealtimeLog.StreamHead | undefined, from: string | undefined): _Start => {
  const last = head?.last ?? 0
  const c = from === undefined ? undefined : _parse(from)
  const gap = (why: string): _Start => ({ delivered: last, gap: why })
  return from === undefined
    ? { delivered: last, gap: undefined }
    : c === undefined
    ? gap(`cursor ${JSON.stringify(from.slice(0, 64))} is not one this server issued`)
    : c.seq === 0
    ? { delivered: 0, gap: (head?.min ?? 1) > 1 ? "the stream's first messages were dropped by retention" : undefined }
    : head === undefined || c.epoch !== head.epoch
    ? gap("the stream was reset since this cursor")
    : c.seq > last
    ? gap("the cursor is ahead of the stream")
    : c.seq + 1 < head.min
    ? gap("messages after this cursor were dropped by retention")
    : { delivered: c.seq, gap: undefined }
}

/**
 * The raw items of stream (channel, key) for one subscriber, from `from` (a cursor) or from now. At most
 * `buffer` items (and `REALTIME_BUFFER_BYTES` of payloads) wait for a slow consumer; beyond that it gets `Lagged` (with the cursor to resume from)
 * and the stream ends.
 */
const open = (
  channel: string,
  key: string,
  from: string | undefined,
  buffer?: number
): Stream.Stream<Raw, SqlError.SqlError, RealtimeHub.Tag> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const hub = yield* RealtimeHub.Hub
    const attached = yield* hub.attach(channel, key, buffer ?? hub.buffer.messages, hub.buffer.bytes)
    const head = yield* RealtimeLog.head(hub.sql, channel, key)
    const start = _start(head, from)
    const state = { epoch: head?.epoch, delivered: start.delivered }
    const message = (epoch: string, seq: number, payload: string): Raw => {
      state.delivered = seq
      return { _tag: "Message", cursor: cursor(epoch, seq), payload }
    }
    /** The messages between what was delivered and `before`, read from the log; a gap if retention took them. */
    const backfill = (epoch: string, before: number): Effect.Effect<ReadonlyArray<Raw>, SqlError.SqlError> =>
      Effect.map(RealtimeLog.read(hub.sql, channel, key, state.delivered, before - state.delivered - 1), (rows) => {
        const lost = rows.length === 0 || rows[0]!.seq !== state.delivered + 1
        const gap: ReadonlyArray<Raw> = lost
          ? [{ _tag: "Gap", cursor: cursor(epoch, state.delivered), message: "messages were dropped by retention before delivery" }]
          : []
        return [...gap, ...rows.filter((r) => r.seq < before).map((r) => message(epoch, r.seq, r.payload))]
      })
    const handle = (entry: RealtimeHub.Message): Effect.Effect<ReadonlyArray<Raw>, SqlError.SqlError> => {
      const epoch = entry._tag === "Lagged" ? state.epoch : entry.epoch
      state.epoch = epoch
      return entry._tag === "Lagged"
        ? Effect.succeed([{ _tag: "Lagged", cursor: cursor(epoch, state.delivered), message: "the subscriber fell too far behind; resume from this cursor" }])
        : entry._tag === "Reset"
        ? Effect.sync(() => {
          state.delivered = 0
          return [{ _tag: "Gap", cursor: cursor(epoch, 0), message: "the stream was reset" }]
        })
        : entry.seq <= state.delivered
        ? Effect.succeed([])
        : entry.seq === state.delivered + 1
        ? Effect.succeed([message(entry.epoch, entry.seq, entry.payload)])
        : Effect.map(backfill(entry.epoch, entry.seq), (filled) => [...filled, message(entry.epoch, entry.seq, entry.payload)])
    }
    // Read after attaching: every message past this cursor reaches the subscriber live (or by backfill).
    const first: ReadonlyArray<Raw> = from === undefined
      ? [{ _tag: "Start", cursor: cursor(head?.epoch, start.delivered) }]
      : start.gap === undefined
      ? []
      : [{ _tag: "Gap", cursor: cursor(head?.epoch, start.delivered), message: start.gap }]
    /** A resumed subscriber reads its backlog itself, a page at a time as it consumes: no burst fills its queue. */
    const history = Stream.paginateChunkEffect(start.delivered, (after) =>
      RealtimeLog.read(hub.sql, channel, key, after, _historyPage).pipe(
        Effect.map((rows) => [
          Chunk.fromIterable(rows.map((r) => message(head?.epoch ?? "0", r.seq, r.payload))),
          rows.length === _historyPage ? Option.some(rows[rows.length - 1]!.seq) : Option.none()
        ] as const)
      ))
    // Small chunks: an HTTP response writes a whole chunk before it waits for a slow socket to drain.
    const live = Stream.fromQueue(attached.entries, { maxChunkSize: 32 }).pipe(
      Stream.mapChunksEffect((entries) => {
        attached.taken(entries)
        return Effect.map(Effect.forEach(entries, handle), (out) => Chunk.fromIterable(out.flat()))
      }),
      Stream.takeUntil((item) => item._tag === "Lagged")
    )
    const join = Stream.unwrap(Effect.suspend(() => Effect.as(attached.position(state.epoch, state.delivered), live)))
    return Stream.fromIterable(first).pipe(
      Stream.concat(from === undefined || start.gap !== undefined ? Stream.empty : history),
      Stream.concat(join)
    )
  }))

export const RealtimeSubscription = { open, cursor } as const

export declare namespace RealtimeSubscription {
  type Item = Raw
}
