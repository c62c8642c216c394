/**
 * A pod's realtime hub: the streams its subscribers watch, each read from the log by one fiber and fanned
 * out to that stream's local subscribers. A wake-up (a NOTIFY after a commit, a poll, a reconnect of the
 * listener) makes the stream's fiber read every message after the last it has seen, in pages, so one
 * database read serves every subscriber on the pod. Each subscriber has a bounded queue and the number of
 * the next message it needs; one that would overflow gets `Lagged` and is dropped, never slowing the rest
 * or growing memory. A new or resuming subscriber rewinds its stream's reader to where it starts.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FiberMap from "effect/FiberMap"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { RealtimeLog } from "./Log.js"

/** What a subscriber's queue carries: a message, a restart of the stream's numbering, or its own lag. */
type Entry =
  | { readonly _tag: "Row"; readonly epoch: string; readonly seq: number; readonly payload: string }
  | { readonly _tag: "Reset"; readonly epoch: string }
  | { readonly _tag: "Lagged" }

interface _Sub {
  readonly queue: Queue.Queue<Entry>
  readonly limit: number
  readonly maxBytes: number
  /** Payload bytes waiting in its queue. */
  bytes: number
  /** The number of the next message it needs; none until it is positioned. */
  next: number
}

interface _Topic {
  readonly channel: string
  readonly key: string
  readonly subs: Set<_Sub>
  readonly wake: Queue.Queue<void>
  epoch: string | undefined
  /** The newest message read; none until a subscriber positions the stream. */
  last: number | undefined
  /** A subscriber starting behind `last` asks the next read to begin here. */
  rewind: number | undefined
}

/** What a subscriber holds: its queue, and how it tells the hub where it starts. */
interface Attached {
  readonly entries: Queue.Dequeue<Entry>
  /** Report entries taken from the queue, so their bytes leave the subscriber's budget. */
  readonly taken: (entries: Iterable<Entry>) => void
  readonly position: (epoch: string | undefined, delivered: number) => Effect.Effect<void>
}

/** The hub of a pod, provided by `Realtime.layer`. */
class Hub extends Context.Tag("effect-contracts/RealtimeHub")<Hub, {
  readonly sql: SqlClient.SqlClient
  /** How many messages, and payload bytes, a subscriber may have waiting (`REALTIME_BUFFER`, `REALTIME_BUFFER_BYTES`). */
  readonly buffer: { readonly messages: number; readonly bytes: number }
  /** Subscribe to stream (channel, key) until the scope closes, with a queue of at most `limit` messages. */
  readonly attach: (channel: string, key: string, limit: number, maxBytes: number) => Effect.Effect<Attached, never, Scope.Scope>
  /** A wake-up: (channel, key) has a message numbered `seq` in epoch `epoch`. */
  readonly wake: (channel: string, key: string, epoch: string, seq: number) => void
  /** Wake every stream (after a reconnect of the listener, or on a poll). */
  readonly wakeAll: () => void
}>() {}

const _page = 500
const _id = (channel: string, key: string) => `${channel}\n${key}`

/** Offer `rows` to each subscriber that needs them; one whose queue (count or bytes) would overflow gets `Lagged` and leaves. */
const _push = (t: _Topic, rows: ReadonlyArray<RealtimeLog.Message>, epoch: string) =>
  t.subs.forEach((sub) => {
    const fresh = rows.filter((r) => r.seq >= sub.next)
    const room = (r: RealtimeLog.Message) =>
      Option.getOrElse(sub.queue.unsafeSize(), () => 0) < sub.limit && (sub.bytes === 0 || sub.bytes + r.payload.length <= sub.maxBytes)
    const fits = fresh.every((r) => {
      const ok = room(r)
      return ok && (sub.bytes += r.payload.length, sub.next = r.seq + 1, Queue.unsafeOffer(sub.queue, { _tag: "Row", epoch, seq: r.seq, payload: r.payload }))
    })
    return fits ? undefined : (Queue.unsafeOffer(sub.queue, { _tag: "Lagged" }), t.subs.delete(sub))
  })

/** One read of a stream: every message after its position, page by page, pushed to its subscribers. */
const _drain = (sql: SqlClient.SqlClient, t: _Topic): Effect.Effect<void, unknown> =>
  Effect.gen(function*() {
    const epoch = t.epoch ?? (yield* RealtimeLog.head(sql, t.channel, t.key))?.epoch
    t.epoch = epoch
    const from = Math.min(t.last ?? Infinity, t.rewind ?? Infinity)
    // Nothing to read before the stream exists or a subscriber has positioned it, nor for subscribers that
    // all lagged (they leave when their consumer reaches the `Lagged`, which a stalled socket may delay).
    if (epoch === undefined || from === Infinity || t.subs.size === 0) return
    t.rewind = undefined
    const rows = yield* RealtimeLog.read(sql, t.channel, t.key, from, _page)
    _push(t, rows, epoch)
    t.last = rows.length === 0 ? (t.last ?? from) : Math.max(t.last ?? 0, rows[rows.length - 1]!.seq)
    return rows.length === _page ? yield* _drain(sql, t) : undefined
  })

const _reset = (t: _Topic, epoch: string) => {
  t.epoch = epoch
  t.last = 0
  t.rewind = undefined
  t.subs.forEach((sub) => {
    sub.next = 1
    Queue.unsafeOffer(sub.queue, { _tag: "Reset", epoch })
  })
}

/** Build the hub; its stream readers live in the caller's scope. */
const make = (buffer: { readonly messages: number; readonly bytes: number }): Effect.Effect<Context.Tag.Service<Hub>, never, SqlClient.SqlClient | Scope.Scope> =>
  Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const topics = new Map<string, _Topic>()
  const readers = yield* FiberMap.make<string>()
  const reader = (t: _Topic) =>
    Queue.take(t.wake).pipe(
      Effect.zipRight(_drain(sql, t)),
      Effect.forever,
      Effect.tapErrorCause((cause) => Effect.logWarning(`realtime: reading ${t.channel} failed; retrying`, cause)),
      Effect.retry(Schedule.spaced("1 second"))
    )
  const open = (channel: string, key: string) =>
    Effect.gen(function*() {
      const t: _Topic = {
        channel,
        key,
        subs: new Set(),
        wake: yield* Queue.sliding<void>(1),
        epoch: undefined,
        last: undefined,
        rewind: undefined
      }
      topics.set(_id(channel, key), t)
      yield* FiberMap.run(readers, _id(channel, key), reader(t))
      return t
    })
  const detach = (t: _Topic, sub: _Sub) =>
    Effect.suspend(() => {
      t.subs.delete(sub)
      const idle = t.subs.size === 0 && topics.get(_id(t.channel, t.key)) === t
      return idle ? Effect.zipRight(Effect.sync(() => topics.delete(_id(t.channel, t.key))), FiberMap.remove(readers, _id(t.channel, t.key))) : Effect.void
    })
  const attach = (channel: string, key: string, limit: number, maxBytes: number) =>
    Effect.gen(function*() {
      const t = topics.get(_id(channel, key)) ?? (yield* open(channel, key))
      const sub: _Sub = { queue: yield* Queue.bounded<Entry>(limit + 1), limit, maxBytes, bytes: 0, next: Infinity }
      t.subs.add(sub)
      yield* Effect.addFinalizer(() => Effect.zipRight(detach(t, sub), Queue.shutdown(sub.queue)))
      const position = (epoch: string | undefined, delivered: number) =>
        Effect.suspend(() => {
          t.epoch = t.epoch ?? epoch
          sub.next = delivered + 1
          t.rewind = Math.min(t.rewind ?? delivered, delivered)
          return Queue.offer(t.wake, undefined)
        })
      const taken = (entries: Iterable<Entry>) => {
        for (const e of entries) sub.bytes -= e._tag === "Row" ? e.payload.length : 0
      }
      return { entries: sub.queue, taken, position } satisfies Attached
    }).pipe(Effect.uninterruptible)
  const wake = (channel: string, key: string, epoch: string, seq: number) => {
    const t = topics.get(_id(channel, key))
    const reset = t !== undefined && t.epoch !== undefined && t.epoch !== epoch
    return t === undefined
      ? undefined
      : (reset && _reset(t, epoch), (reset || t.last === undefined || seq > t.last) && Queue.unsafeOffer(t.wake, undefined))
  }
  const wakeAll = () => topics.forEach((t) => Queue.unsafeOffer(t.wake, undefined))
  return { sql, buffer, attach, wake, wakeAll }
})

export const RealtimeHub = { Hub, make } as const

export declare namespace RealtimeHub {
  type Tag = Hub
  type Service = Context.Tag.Service<Hub>
  type Message = Entry
  type Subscriber = Attached
}
