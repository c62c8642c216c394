/**
 * `ClusterStorage`'s shortcut for messages this process stores for shards it owns: they are inserted
 * already claimed (`last_read`) and handed to this runner's storage loop from memory, without the shard
 * scan; one lookup by id checks each is still unhandled and still ours before it is handed out.
 * Everything else (other runners' requests, timers, resets, fail-over) still comes from the table.
 */
import type * as MessageStorage from "@effect/cluster/MessageStorage"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ClusterStorageRows as Rows } from "./Rows.js"

/** One message as the storage loop's read returns it. */
type _Read = Effect.Effect.Success<ReturnType<MessageStorage.Encoded["unprocessedMessages"]>>[number]

/** A kept message: its row was inserted claimed with `last_read = stamp` (exact text of the column). */
interface _Entry {
  readonly id: string
  readonly stamp: string
  readonly shardId: string
  readonly message: _Read
}

/**
 * Longest the table goes unread while local messages keep the loop busy (a discard `Notify` from another
 * runner does not register a reply handler, so only this bounds its wait).
 */
const _maxUnreadMillis = 20

const make = () => {
  /** Shards this runner's storage loop asked for last: the ones it owns. */
  let owned = new Set<string>()
  let queue: Array<_Entry> = []
  /** Another runner sent a request here, or rows were reset: the next read must look at the table. */
  let mustRead = true
  let lastRead = 0
  let seq = 0

  return {
    /** Insert this row claimed and keep it for the loop: a due message for a shard this runner owns. */
    claims: (row: Rows.Message) => row.deliver_at === null && owned.has(row.shard_id),

    /** A claimed row was stored (and is no duplicate) with claim `stamp`: the loop gets it from memory. */
    stored: (row: Rows.Message, stamp: string) =>
      Effect.sync(() => {
        queue.push({
          id: row.id,
          stamp,
          shardId: row.shard_id,
          message: Rows.toMessage({ ...row, rowid: String(seq++), last_reply_id: null }, Option.none())
        })
      }),

    /** A request from another runner registers its reply handler here, or claims were reset: read the table. */
    mustRead: () => {
      mustRead = true
    },

    /**
     * The storage loop's read: the kept messages still on owned shards that `live` confirms (their rows are
     * still unprocessed, with no pending reply and our claim: an exit saved here or by another runner, a
     * deletion, a reset or another runner's read all drop them), plus the table (`read`) when it must be read
     * (see `mustRead`), nothing is kept, or it went unread for `_maxUnreadMillis`. Kept messages whose shard
     * moved are unclaimed (`unclaim`) for the new owner; on failure they are all kept for next time.
     */
    read: <E, R>(
      shardIds: ReadonlyArray<string>,
      now: number,
      read: Effect.Effect<Array<_Read>, E, R>,
      unclaim: (ids: ReadonlyArray<string>) => Effect.Effect<unknown, E, R>,
      live: (claims: ReadonlyArray<_Entry>) => Effect.Effect<ReadonlyArray<{ readonly id: string | bigint }>, E, R>
    ): Effect.Effect<Array<_Read>, E, R> =>
      Effect.suspend(() => {
        owned = new Set(shardIds)
        const taken = queue
        queue = []
        const mine = taken.filter((e) => owned.has(e.shardId))
        const moved = taken.filter((e) => !owned.has(e.shardId)).map((e) => e.id)
        const fromTable = mustRead || mine.length === 0 || now - lastRead >= _maxUnreadMillis
        mustRead = mustRead && !fromTable
        lastRead = fromTable ? now : lastRead
        const kept = mine.length === 0 ? Effect.succeed([]) : Effect.map(live(mine), (rows) => {
          const alive = new Set(rows.map((r) => String(r.id)))
          const found = mine.filter((e) => alive.has(e.id))
          // A dropped claim may have been reset (not handled): the table says, on the next read.
          mustRead = mustRead || found.length < mine.length
          return found.map((e) => e.message)
        })
        const all = Effect.map(
          Effect.all([fromTable ? read : Effect.succeed([]), kept], { concurrency: 2 }),
          ([rows, kept]) => {
            const ids = new Set(rows.map(_id))
            return [...rows, ...kept.filter((k) => !ids.has(_id(k)))]
          }
        )
        return (moved.length === 0 ? all : Effect.zipRight(unclaim(moved), all)).pipe(
          Effect.tapErrorCause(() => Effect.sync(() => (queue = [...taken, ...queue], mustRead = mustRead || fromTable)))
        )
      })
  } as const
}

const _id = (r: _Read) => (r.envelope._tag === "Request" ? r.envelope.requestId : r.envelope.id)

export const ClusterStorageLocal = { make } as const

export declare namespace ClusterStorageLocal {
  type Local = ReturnType<typeof make>
}
