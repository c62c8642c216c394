/**
 * The client's settings with their defaults, the URLs it talks to, its reconnect schedule, what a call tells
 * its transport (the call's own record: was it written to the network?), and the typed `Unavailable` exit a
 * transport answers in the server's place. Pure: builds values, opens nothing.
 */
import type * as RpcMessage from "@effect/rpc/RpcMessage"
import * as Duration from "effect/Duration"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Schedule from "effect/Schedule"
import type { EdgeError } from "../contract/EdgeError.js"
import type { ClientApi } from "./Api.js"

/** Resolved settings: every option with its default. */
interface _Settings {
  readonly timeout: Duration.Duration
  readonly heartbeat: Duration.Duration
  readonly openTimeout: Duration.Duration
  readonly reconnect: { readonly base: Duration.Duration; readonly max: Duration.Duration; readonly resetAfter: Duration.Duration }
  readonly socketUrl: string
  readonly rpcUrl: (group: string) => string
  /** What the HTTP transport polls while the server is unreachable: the liveness probe every pod serves. */
  readonly probeUrl: string
  /** The contracts' version the client was built from: `?v=` on the socket, a header over HTTP (`versionHeader`). */
  readonly version: string | undefined
}

/** The header the HTTP transport names its contracts' version with; the server's edge (`Guard`) reads it. */
const versionHeader = "x-effect-contracts-version"

const _base = (url: string): URL =>
  new URL(url, typeof globalThis.location === "undefined" ? undefined : globalThis.location.href)

/** `url` without a trailing slash, its path kept (`https://host/api` → `https://host/api/ws`). */
const _join = (url: URL, path: string) => `${url.origin}${url.pathname.replace(/\/+$/, "")}${path}`

const resolve = (options: ClientApi.Connect & { readonly version?: string | undefined }): _Settings => {
  const base = _base(options.url)
  const secure = base.protocol === "https:" || base.protocol === "wss:"
  const socket = new URL(_join(base, options.path ?? "/ws").replace(/^[a-z]+:/, secure ? "wss:" : "ws:"))
  // JSON whatever the server's default format; the version the server checks, when the app has one.
  socket.searchParams.set("format", "json")
  options.version === undefined || socket.searchParams.set("v", options.version)
  const http = _join(new URL(base.href.replace(/^ws/, "http")), "")
  return {
    timeout: Duration.decode(options.timeout ?? "30 seconds"),
    heartbeat: Duration.decode(options.heartbeat ?? "10 seconds"),
    openTimeout: Duration.decode("10 seconds"),
    reconnect: {
      base: Duration.decode(options.reconnect?.base ?? "500 millis"),
      max: Duration.decode(options.reconnect?.max ?? "10 seconds"),
      resetAfter: Duration.decode(options.reconnect?.resetAfter ?? "30 seconds")
    },
    socketUrl: socket.href,
    rpcUrl: (group) => `${http}/rpc/${group}`,
    probeUrl: `${http}/livez`,
    version: options.version
  }
}

/** Why a connection ended: `healthy` when it had stayed open for `resetAfter`, which resets the backoff. */
interface _Lost {
  readonly healthy: boolean
}

/**
 * Delays between connection attempts: exponential from `base` (doubling), capped at `max`, each drawn in
 * [50 %, 100 %] of that (clients dropped together do not return together), and back to `base` after a
 * connection that stayed open for `resetAfter`. @effect/rpc's default never resets and is not jittered.
 */
const reconnect = (r: _Settings["reconnect"]): Schedule.Schedule<unknown, _Lost> =>
  Schedule.exponential(r.base, 2).pipe(
    Schedule.union(Schedule.spaced(r.max)),
    Schedule.jitteredWith({ min: 0.5, max: 1 }),
    Schedule.intersect(Schedule.identity<_Lost>()),
    Schedule.resetWhen(([, lost]) => lost.healthy)
  )

/** What a call and its transport share: whether its request reached the network (its timeout's outcome). */
interface _Call {
  written: boolean
}

/** The current call's record, read by the transport when the call's request is sent. */
const currentCall: FiberRef.FiberRef<_Call | undefined> = globalValue(
  Symbol.for("effect-contracts/Client/currentCall"),
  () => FiberRef.unsafeMake<_Call | undefined>(undefined)
)

/** The exit failing call `id` with `Unavailable`, as the server would encode it. */
const unavailable = (id: string, message: string, outcome: EdgeError.Unavailable["outcome"]): RpcMessage.FromServerEncoded => ({
  _tag: "Exit",
  requestId: id,
  exit: { _tag: "Failure", cause: { _tag: "Fail", error: { _tag: "Unavailable", message, outcome } } }
})

export const ClientSettings = { resolve, reconnect, currentCall, unavailable, versionHeader } as const

export declare namespace ClientSettings {
  type Settings = _Settings
  type Lost = _Lost
  type Call = _Call
}
