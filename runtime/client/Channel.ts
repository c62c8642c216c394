/**
 * A channel's subscription as a client declares it: the streaming RPC `<contract>.<Channel>` with the same wire
 * as the one the server's generated `<C>ChannelRpcs` serves (payload `{ key, cursor? }`; items `Start` first
 * when there is no cursor, then `Message`, `Gap`, `Lagged`; errors `EdgeError`), built from the contract's
 * channel alone — without the server's realtime runtime (SQL, Node built-ins), so it bundles for browsers.
 * Pure: declares schemas, runs nothing.
 */
import * as Rpc from "@effect/rpc/Rpc"
import * as Schema from "effect/Schema"
import { EdgeError } from "../contract/EdgeError.js"

const _Text = { cursor: Schema.String, message: Schema.String }

/** What a subscriber receives for payload schema `payload`: the same union `Realtime.channel(…).item` declares. */
const item = <P extends Schema.Schema.AnyNoContext>(payload: P) =>
  Schema.Union(
    Schema.TaggedStruct("Start", { cursor: Schema.String }),
    Schema.TaggedStruct("Message", { cursor: Schema.String, payload }),
    Schema.TaggedStruct("Gap", _Text),
    Schema.TaggedStruct("Lagged", _Text)
  )

/**
 * The subscription RPC of channel `name` of contract `contract`, whose key and payload schemas are the
 * contract's (`DeskContract.channels.TicketUpdates`). Add the contract's auth middleware when the channel
 * needs a principal: `ClientChannel.make("desk", "TicketUpdates", _c.TicketUpdates).middleware(DeskAuth)`.
 */
const make = <const C extends string, const N extends string, K extends Schema.Schema.AnyNoContext, P extends Schema.Schema.AnyNoContext>(
  contract: C,
  name: N,
  channel: { readonly key: K; readonly payload: P }
) =>
  Rpc.make(`${contract}.${name}` as `${C}.${N}`, {
    payload: { key: channel.key, cursor: Schema.optional(Schema.String) },
    success: item(channel.payload),
    error: EdgeError.schema,
    stream: true
  })

export const ClientChannel = { make, item } as const
