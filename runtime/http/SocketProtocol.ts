/**
 * The wire of the WebSocket endpoint: the groups served as one, what an upgrade request asks for (format,
 * version, headers), each frame read as one RPC message (a JSON text, or one MessagePack value) checked against
 * the envelope schema and the served RPCs, the typed refusals sent in a call's place, and each connection's
 * encoder. Pure: it never touches a socket, a limit or a handler.
 */
import * as MsgPack from "@effect/platform/MsgPack"
import type * as Rpc from "@effect/rpc/Rpc"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import type * as RpcMessage from "@effect/rpc/RpcMessage"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as ConfigError from "effect/ConfigError"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Http from "node:http"
import { EdgeError } from "../contract/EdgeError.js"

/** The RPCs of a group by tag (`RpcGroup.Any` keeps the map out of its type). */
const _requests = (group: RpcGroup.Any): ReadonlyMap<string, Rpc.AnyWithProps> =>
  (group as unknown as { readonly requests: ReadonlyMap<string, Rpc.AnyWithProps> }).requests

/** All groups as one, or a `ConfigError` naming each tag two groups share (their handlers would collide). */
const merge = (groups: Readonly<Record<string, RpcGroup.Any>>) => {
  const owners = new Map<string, string>()
  const clashes = Object.entries(groups).flatMap(([name, group]) =>
    [..._requests(group).keys()].flatMap((tag) => {
      const owner = owners.get(tag)
      owners.set(tag, owner ?? name)
      return owner === undefined ? [] : [`RPC tag "${tag}" is in both group "${owner}" and group "${name}"`]
    }))
  const rpcs = Object.values(groups).flatMap((group) => [..._requests(group).values()]) as ReadonlyArray<Rpc.AnyWithProps>
  const group = RpcGroup.make(...(rpcs as unknown as ReadonlyArray<Rpc.Any>))
  return clashes.length > 0
    ? Either.left(ConfigError.InvalidData(["rpcs"], `${clashes.join("; ")}: one WebSocket serves every group, so RPC tags must be unique across groups`))
    : Either.right({ group, rpcs: _requests(group) })
}

/**
 * What an upgrade request asks for: a format (`?format=`, else `serialization`), its headers (sent with every
 * call), and, when it names a version (`?v=`) other than the server's, the `UpgradeRequired` every call gets.
 */
const hello = (request: Http.IncomingMessage, options: { readonly serialization?: SocketProtocol.Format; readonly version?: string }) => {
  const url = request.url ?? "/"
  const query = new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "")
  const format = query.get("format") ?? options.serialization ?? "json"
  return format !== "json" && format !== "msgpack" ? Either.left(`unknown format ${JSON.stringify(format.slice(0, 40))}: json or msgpack`) : Either.right({
    format: format as SocketProtocol.Format,
    headers: Object.entries(request.headers).flatMap(([k, v]) => v === undefined ? [] : [[k, Array.isArray(v) ? v.join(", ") : v] as [string, string]]),
    skew: skew(options.version, query.get("v") ?? undefined)
  })
}

/**
 * The `UpgradeRequired` every call of a client built from contracts `client` gets from a server running
 * `server`; none when they match or either is unknown (a client that names no version is not checked).
 */
const skew = (server: string | undefined, client: string | undefined): EdgeError.UpgradeRequired | undefined => {
  const named = client?.slice(0, 100)
  return server === undefined || named === undefined || named === server ? undefined : new EdgeError.UpgradeRequired({
    message: `this server runs contracts ${server}, the client was built from ${named}: reload or update the client`,
    server,
    client: named
  })
}

/** Request ids are decimal integers (RpcServer reads them as bigints). */
const _Id = Schema.String.pipe(Schema.pattern(/^\d{1,20}$/))

const _Request = Schema.Struct({
  _tag: Schema.Literal("Request"),
  id: _Id,
  tag: Schema.String,
  payload: Schema.optional(Schema.Unknown),
  headers: Schema.Array(Schema.mutable(Schema.Tuple(Schema.String, Schema.String))),
  traceId: Schema.optional(Schema.String),
  spanId: Schema.optional(Schema.String),
  sampled: Schema.optional(Schema.Boolean)
})

const _Control = Schema.Union(
  Schema.Struct({ _tag: Schema.Literal("Ack"), requestId: _Id }),
  Schema.Struct({ _tag: Schema.Literal("Interrupt"), requestId: _Id }),
  Schema.Struct({ _tag: Schema.Literal("Ping") }),
  Schema.Struct({ _tag: Schema.Literal("Eof") })
)

const _envelope = Schema.decodeUnknownEither(Schema.Union(_Request, _Control))
const _json = Schema.decodeUnknownEither(Schema.parseJson())
const _msgpack = Schema.decodeUnknownEither(MsgPack.schema(Schema.Unknown))

const _close = (code: number, reason: string): SocketProtocol.Frame => ({ _tag: "Close", code, reason })

/** The request id of a message that is not a valid envelope, when it names one: its caller still gets an answer. */
const _idOf = (value: unknown): string | undefined =>
  typeof value === "object" && value !== null && "id" in value && typeof value.id === "string" && value.id.length <= 64 ? value.id : undefined

/** One decoded value as a message: a request, a control message, or invalid (with the id it names, when it names one). */
const _message = (value: unknown): SocketProtocol.Frame =>
  Either.match(_envelope(value), {
    onLeft: (error) => ({ _tag: "Invalid", id: _idOf(value), reason: `not an RPC message: ${ParseResult.TreeFormatter.formatErrorSync(error)}` }),
    onRight: (message): SocketProtocol.Frame => message._tag === "Request" ? { _tag: "Request", request: message } : { _tag: "Control", message }
  })

const _readJson = (text: string): SocketProtocol.Frame =>
  Either.match(_json(text), {
    onLeft: () => ({ _tag: "Invalid", id: /"id"\s*:\s*"(\d{1,20})"/.exec(text)?.[1], reason: "malformed JSON" }),
    onRight: _message
  })

/** MessagePack has no recoverable id in garbage, and a broken peer would only send more: the socket is closed. */
const _readMsgPack = (data: Uint8Array, binary: boolean): SocketProtocol.Frame =>
  !binary
    ? _close(1003, "text frame on a msgpack connection: send binary MessagePack")
    : Either.match(_msgpack(data), {
      onLeft: () => _close(1007, "invalid MessagePack frame"),
      onRight: (value) => typeof value === "object" && value !== null && !Array.isArray(value) ? _message(value) : _close(1007, "not an RPC message")
    })

/** Read one frame of a connection speaking `format`. */
const read = (format: SocketProtocol.Format, data: Uint8Array, binary: boolean): SocketProtocol.Frame =>
  format === "msgpack" ? _readMsgPack(data, binary) : _readJson(new TextDecoder().decode(data))

/** Why `request` cannot be served by `rpcs` (an unknown RPC, a payload failing its schema), or undefined. */
const check = (rpcs: ReadonlyMap<string, Rpc.AnyWithProps>, request: SocketProtocol.Request): string | undefined => {
  const rpc = rpcs.get(request.tag)
  return rpc === undefined
    ? `unknown RPC ${JSON.stringify(request.tag.slice(0, 100))}: is the client built from newer contracts than this server?`
    : Either.match(Schema.decodeUnknownEither(rpc.payloadSchema as Schema.Schema<unknown, unknown>)(request.payload), {
      onLeft: (error) => `invalid payload for ${request.tag}: ${ParseResult.TreeFormatter.formatErrorSync(error)}`,
      onRight: () => undefined
    })
}

/** The exit failing call `id` with an edge error, in place of an answer from its handler. */
const refusal = (id: string, error: EdgeError): RpcMessage.FromServerEncoded => ({
  _tag: "Exit",
  requestId: id,
  exit: { _tag: "Failure", cause: { _tag: "Fail", error: Schema.encodeSync(EdgeError.schema)(error) } }
})

/** A response that could not be encoded becomes its call's defect, so the caller is answered all the same. */
const _unencodable = (response: RpcMessage.FromServerEncoded): RpcMessage.FromServerEncoded =>
  "requestId" in response
    ? { _tag: "Exit", requestId: response.requestId, exit: { _tag: "Failure", cause: { _tag: "Die", defect: "the response could not be encoded" } } }
    : { _tag: "Defect", defect: "a response could not be encoded" }

/** The encoder of one connection: JSON text frames, or binary MessagePack frames. */
const encoder = (format: SocketProtocol.Format) => {
  const parser = (format === "msgpack" ? RpcSerialization.msgPack : RpcSerialization.json).unsafeMake()
  return (response: RpcMessage.FromServerEncoded): string | Uint8Array | undefined =>
    Either.getOrElse(Either.try(() => parser.encode(response)), () => parser.encode(_unencodable(response)))
}

export const SocketProtocol = { merge, hello, skew, read, check, refusal, encoder } as const

export declare namespace SocketProtocol {
  /** What a connection speaks: `json` (text frames) or `msgpack` (binary frames), one message per frame. */
  type Format = "json" | "msgpack"
  /** What a connection asked for on connecting. */
  interface Hello {
    readonly format: Format
    readonly headers: ReadonlyArray<[string, string]>
    readonly skew: EdgeError.UpgradeRequired | undefined
  }
  /** A request envelope that passed the schema (its payload not yet checked). */
  type Request = typeof _Request.Type
  /** What one frame is: a message to serve, an invalid one (answered when it names an id), or a reason to close. */
  type Frame =
    | { readonly _tag: "Request"; readonly request: Request }
    | { readonly _tag: "Control"; readonly message: typeof _Control.Type }
    | { readonly _tag: "Invalid"; readonly id: string | undefined; readonly reason: string }
    | { readonly _tag: "Close"; readonly code: number; readonly reason: string }
}
