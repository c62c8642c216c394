/**
 * A typed channel: `publish` encodes a key and a payload and appends them to the realtime log in the
 * caller's transaction; `subscribe` is a typed stream of one key's messages on this pod's hub; `item` is
 * the schema of what subscribers receive (where a subscription from now starts, a message with its cursor, a
 * gap, or the end of a lagging subscriber), which generated streaming RPCs declare as their success.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { EdgeError } from "../contract/EdgeError.js"
import type { RealtimeHub } from "./Hub.js"
import { RealtimeLog } from "./Log.js"
import { RealtimeSubscription } from "./Subscription.js"

/** Keys travel in NOTIFY payloads (8000 bytes) and URLs: a longer encoded key is refused when published. */
const _maxKeyBytes = 1024

const _Text = { cursor: Schema.String, message: Schema.String }

/** What a subscriber receives, given the payload's schema. */
const itemSchema = <P, PI>(payload: Schema.Schema<P, PI>) =>
  Schema.Union(
    Schema.TaggedStruct("Start", { cursor: Schema.String }),
    Schema.TaggedStruct("Message", { cursor: Schema.String, payload }),
    Schema.TaggedStruct("Gap", _Text),
    Schema.TaggedStruct("Lagged", _Text)
  )

/** Any stream failure reaches subscribers as `Unavailable`: they resume from their last cursor. */
const unavailable = (cause: SqlError.SqlError) =>
  new EdgeError.Unavailable({ message: `realtime log unreachable: ${cause.message}`, outcome: "unknown" })

const make = <K, P, PI>(options: {
  readonly contract: string
  readonly name: string
  readonly key: Schema.Schema<K, string>
  readonly payload: Schema.Schema<P, PI>
}): RealtimeChannel<K, P, PI> => {
  const id = `${options.contract}.${options.name}`
  const encodeKey = Schema.encode(options.key)
  const encodePayload = Schema.encode(Schema.parseJson(options.payload))
  const decodePayload = Schema.decode(Schema.parseJson(options.payload))
  const key = (k: K) =>
    Effect.flatMap(encodeKey(k), (encoded) =>
      Buffer.byteLength(encoded) <= _maxKeyBytes
        ? Effect.succeed(encoded)
        : Effect.fail(new ParseResult.ParseError({ issue: new ParseResult.Type(options.key.ast, encoded, `a ${id} key encodes to at most ${_maxKeyBytes} bytes`) })))
  const decode = (raw: RealtimeSubscription.Item): Effect.Effect<RealtimeChannel.Item<P>> =>
    raw._tag === "Message"
      ? decodePayload(raw.payload).pipe(
        Effect.map((payload) => ({ _tag: "Message" as const, cursor: raw.cursor, payload })),
        Effect.orElseSucceed(() => ({ _tag: "Gap" as const, cursor: raw.cursor, message: "a stored message no longer decodes; it was skipped" }))
      )
      : Effect.succeed(raw)
  return {
    id,
    contract: options.contract,
    name: options.name,
    key: options.key,
    payload: options.payload,
    item: itemSchema(options.payload),
    publish: (k, payload) =>
      Effect.gen(function*() {
        const encoded = yield* key(k)
        const json = yield* encodePayload(payload)
        const sql = yield* SqlClient.SqlClient
        yield* RealtimeLog.append(sql, id, encoded, json)
      }),
    subscribe: (k, subscribeOptions) =>
      Stream.unwrap(Effect.map(Effect.orDie(key(k)), (encoded) => RealtimeSubscription.open(id, encoded, subscribeOptions?.cursor))).pipe(
        Stream.mapEffect(decode),
        Stream.mapError(unavailable)
      ),
    subscribeEncoded: (encoded, cursor) => Stream.mapError(RealtimeSubscription.open(id, encoded, cursor), unavailable)
  }
}

export const RealtimeChannel = { make, itemSchema, unavailable } as const

/** A channel of contract `contract` named `name`: streams addressed by a `K`, carrying `P`s. */
export interface RealtimeChannel<K, P, PI> {
  /** `<contract>.<Channel>`: the channel's name in the log, the SSE path and the RPC tag. */
  readonly id: string
  readonly contract: string
  readonly name: string
  readonly key: Schema.Schema<K, string>
  readonly payload: Schema.Schema<P, PI>
  readonly item: Schema.Schema<RealtimeChannel.Item<P>, RealtimeChannel.Item<PI>>
  /**
   * Append a message to the stream of `key`, in the current SQL transaction: subscribers on every pod get it
   * when (and only if) the transaction commits, in commit order. A key or payload that does not encode fails
   * here with a ParseError and nothing is written.
   */
  readonly publish: (key: K, payload: P) => Effect.Effect<void, ParseResult.ParseError | SqlError.SqlError, SqlClient.SqlClient>
  /** The messages of `key` from `cursor` (exclusive), or from now: then it opens with `Start`, the cursor of now. */
  readonly subscribe: (
    key: K,
    options?: { readonly cursor?: string | undefined }
  ) => Stream.Stream<RealtimeChannel.Item<P>, EdgeError.Unavailable, RealtimeHub.Tag>
  /** The same, with payloads as stored (encoded JSON): what SSE sends. `key` is already encoded. */
  readonly subscribeEncoded: (key: string, cursor: string | undefined) => Stream.Stream<RealtimeSubscription.Item, EdgeError.Unavailable, RealtimeHub.Tag>
}

export declare namespace RealtimeChannel {
  /**
   * Where a subscription without a cursor starts (resume from its `cursor`: nothing published since is
   * missed), a message (resume after it with its `cursor`), a gap (messages were missed), or the end of a
   * lagging subscriber.
   */
  type Item<P> =
    | { readonly _tag: "Start"; readonly cursor: string }
    | { readonly _tag: "Message"; readonly cursor: string; readonly payload: P }
    | { readonly _tag: "Gap"; readonly cursor: string; readonly message: string }
    | { readonly _tag: "Lagged"; readonly cursor: string; readonly message: string }
  type Any = RealtimeChannel<never, never, never> | RealtimeChannel<never, unknown, unknown>
}
