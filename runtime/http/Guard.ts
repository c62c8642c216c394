/**
 * What stands between the network and an RPC group served over HTTP: a body-size limit checked before the
 * body is read, a cap on RPCs per request, a pod-wide cap on calls in flight (then a typed `Overloaded`, 429
 * with Retry-After), and typed `RequestInvalid` answers for malformed JSON, unknown RPCs and payloads that
 * fail their schema — so one request can neither take a pod down nor turn a client's mistake into a defect.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as HttpApp from "@effect/platform/HttpApp"
import type * as Rpc from "@effect/rpc/Rpc"
import type * as RpcGroup from "@effect/rpc/RpcGroup"
import * as RpcSchema from "@effect/rpc/RpcSchema"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { ClientSettings } from "../client/Settings.js"
import type { Limits } from "./Limits.js"
import { SocketProtocol } from "./SocketProtocol.js"

type _Line = { readonly line: string; readonly id: string | undefined; readonly failure: string | undefined; readonly stream: boolean }

/** An NDJSON exit line failing request `id` with an edge error. */
const _exit = (id: string, error: Readonly<Record<string, unknown>>): string =>
  JSON.stringify({ _tag: "Exit", requestId: id, exit: { _tag: "Failure", cause: { _tag: "Fail", error } } })

const _invalid = (message: string) => ({ _tag: "RequestInvalid", message })

const _ndjson = (lines: ReadonlyArray<string>, status: number, headers: Readonly<Record<string, string>> = {}) =>
  HttpServerResponse.text(lines.map((l) => `${l}\n`).join(""), { status, contentType: "application/x-ndjson", headers })

/** The request id of a line even when it does not parse, so its caller still gets an answer. */
const _idOf = (line: string): string | undefined => /"id"\s*:\s*"([^"]{1,64})"/.exec(line)?.[1]

/** The RPCs of a group by tag (`RpcGroup.Any` keeps the map out of its type). */
const _requests = (group: RpcGroup.Any): ReadonlyMap<string, Rpc.AnyWithProps> =>
  (group as unknown as { readonly requests: ReadonlyMap<string, Rpc.AnyWithProps> }).requests

/** Check one NDJSON line against the group: it parses, names a known RPC, and its payload decodes. */
const _check = (group: RpcGroup.Any, line: string): _Line => {
  const parsed = Either.try(() => JSON.parse(line) as { readonly _tag?: unknown; readonly id?: unknown; readonly tag?: unknown; readonly payload?: unknown })
  const message = Either.getOrUndefined(parsed)
  const id = typeof message?.id === "string" ? message.id : _idOf(line)
  const rpc = typeof message?.tag === "string" ? _requests(group).get(message.tag) : undefined
  const decoded = rpc === undefined || message === undefined ? undefined : Schema.decodeUnknownEither(rpc.payloadSchema as Schema.Schema<unknown, unknown>)(message.payload)
  const failure = Either.isLeft(parsed)
    ? `malformed JSON: ${parsed.left instanceof Error ? parsed.left.message : String(parsed.left)}`
    : message?._tag !== "Request"
    ? undefined
    : !/^\d{1,20}$/.test(String(message.id))
    ? `request ids are decimal integers, got ${JSON.stringify(message.id)}`
    : rpc === undefined
    ? `unknown RPC ${JSON.stringify(message.tag)}: this server's group has ${[..._requests(group).keys()].join(", ")}`
    : decoded !== undefined && Either.isLeft(decoded)
    ? `invalid payload for ${String(message.tag)}: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`
    : undefined
  return { line, id, failure, stream: rpc !== undefined && RpcSchema.isStreamSchema(rpc.successSchema) }
}

/**
 * The body as text, or none when it passes `max` bytes: chunks are kept only up to the limit and the rest is
 * read and dropped, so a chunked body (no Content-Length) never grows memory past the limit either.
 */
const _read = (request: HttpServerRequest.HttpServerRequest, max: number) =>
  request.stream.pipe(
    Stream.runFold({ size: 0, chunks: [] as Array<Uint8Array> }, (acc, chunk) => {
      const size = acc.size + chunk.length
      if (size > max) {
        acc.chunks.length = 0
      } else {
        acc.chunks.push(chunk)
      }
      return { size, chunks: acc.chunks }
    }),
    Effect.timeout("30 seconds"),
    Effect.map((acc) => acc.size > max ? Option.none<string>() : Option.some(new TextDecoder().decode(Buffer.concat(acc.chunks)))),
    Effect.orElseSucceed(() => Option.none<string>())
  )

/** The response's body stream, with `release` run when it ends; or `release` now when the body is not a stream. */
const _releasing = (response: HttpServerResponse.HttpServerResponse, release: Effect.Effect<void>) =>
  response.body._tag === "Stream"
    ? Effect.succeed(HttpServerResponse.stream(Stream.ensuring(response.body.stream, release), {
      status: response.status,
      headers: response.headers,
      ...(response.body.contentType === undefined ? {} : { contentType: response.body.contentType })
    }))
    : Effect.as(release, response)

/**
 * `app` (an RPC group's HTTP app, NDJSON) behind the limits: the requests of a body that passes are handed on
 * in a fresh request; invalid lines are answered at once, typed, and never reach the group. A client naming
 * other contracts than the server's `version` gets `UpgradeRequired` for each of its calls (400), as over WebSocket.
 */
const guard = (group: RpcGroup.Any, app: HttpApp.Default<never, Scope.Scope>, limits: Limits, version?: string) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const skew = SocketProtocol.skew(version, request.headers[ClientSettings.versionHeader])
    const declared = Number(request.headers["content-length"] ?? "0")
    const tooLarge = _ndjson([], 413, { "x-effect-contracts-limit": `body ${limits.maxBodyBytes} bytes` })
    const body = declared > limits.maxBodyBytes ? Option.none<string>() : yield* _read(request, limits.maxBodyBytes)
    const lines = Option.map(body, (text) => text.split("\n").filter((l) => l.trim() !== "").map((l) => _check(group, l)))
    const requests = Option.getOrElse(lines, () => []).filter((l) => l.id !== undefined)
    const bad = Option.getOrElse(lines, () => []).filter((l) => l.failure !== undefined)
    const good = Option.getOrElse(lines, () => []).filter((l) => l.failure === undefined)
    const answers = bad.flatMap((l) => l.id === undefined ? [] : [_exit(l.id, _invalid(l.failure!))])
    // A refused body is read to its end and dropped (never kept), so the client gets the 413 instead of a
    // reset connection; a sender still going after 30 s is cut off.
    const drained = request.stream.pipe(Stream.runDrain, Effect.timeout("30 seconds"), Effect.ignore, Effect.as(tooLarge))
    return yield* Option.isNone(lines)
      ? drained
      : skew !== undefined
      ? Effect.succeed(_ndjson(requests.map((l) => _exit(l.id!, { _tag: skew._tag, message: skew.message, server: skew.server, client: skew.client })), 400))
      : requests.length > limits.maxRpcsPerRequest
      ? Effect.succeed(_ndjson(requests.map((l) => _exit(l.id!, _invalid(`at most ${limits.maxRpcsPerRequest} RPCs per request, got ${requests.length}`))), 413))
      : good.length === 0
      ? Effect.succeed(_ndjson(answers, bad.length > 0 && answers.length === 0 ? 400 : 200))
      : _forward(request, app, limits, good, answers)
  })

/** Hand the good lines to the group within the pod's in-flight budget; answers for bad lines come first. */
const _forward = (
  request: HttpServerRequest.HttpServerRequest,
  app: HttpApp.Default<never, Scope.Scope>,
  limits: Limits,
  good: ReadonlyArray<_Line>,
  answers: ReadonlyArray<string>
) =>
  Effect.gen(function*() {
    const calls = good.filter((l) => l.id !== undefined).length
    const permits = Math.max(1, calls)
    const admitted = yield* Effect.timeout(limits.inFlight.take(permits), limits.queueWait).pipe(Effect.option)
    const retryAfter = Math.ceil(limits.retryAfterMs / 1000)
    const overloaded = (l: _Line) => _exit(l.id!, { _tag: "Overloaded", message: "the server is busy: try again later", retryAfterMs: limits.retryAfterMs })
    return yield* Option.isNone(admitted)
      ? Effect.succeed(_ndjson([...answers, ...good.filter((l) => l.id !== undefined).map(overloaded)], 429, { "retry-after": String(retryAfter) }))
      : Effect.gen(function*() {
        const fresh = HttpServerRequest.fromWeb(new Request(`http://edge${request.url}`, {
          method: "POST",
          headers: Object.entries(request.headers).filter(([k]) => k !== "content-length"),
          body: good.map((l) => `${l.line}\n`).join("")
        }))
        const ids = good.flatMap((l) => l.id === undefined ? [] : [l.id])
        const unary = !good.some((l) => l.stream)
        const start = yield* Clock.currentTimeMillis
        // Unary calls get the request deadline: none answered in time is a response of Unavailable answers.
        const response = yield* Effect.provideService(app, HttpServerRequest.HttpServerRequest, fresh).pipe(
          unary ? Effect.timeoutTo({ duration: limits.requestTimeout, onSuccess: identity, onTimeout: () => _ndjson(ids.map(_late(limits.requestTimeout)), 200) }) : identity,
          Effect.onError(() => limits.inFlight.release(permits))
        )
        const left = Duration.millis(Math.max(0, Duration.toMillis(limits.requestTimeout) - ((yield* Clock.currentTimeMillis) - start)))
        const bounded = unary ? _deadline(response, ids, left, limits.requestTimeout) : response
        const released = yield* _releasing(bounded, Effect.asVoid(limits.inFlight.release(permits)))
        return _prepend(released, answers)
      })
  })

/**
 * A streamed answer to unary calls, cut at `timeout`: the calls it has not answered by then are answered
 * `Unavailable` (outcome unknown), and closing the request interrupts their handlers.
 */
/** The answer to a call still unanswered at the request deadline. */
const _late = (timeout: Duration.Duration) => (id: string) =>
  _exit(id, { _tag: "Unavailable", message: `no answer within the request deadline of ${Duration.format(timeout)}`, outcome: "unknown" })

const _deadline = (response: HttpServerResponse.HttpServerResponse, ids: ReadonlyArray<string>, left: Duration.Duration, timeout: Duration.Duration) => {
  const answered = new Set<string>()
  const pending = { text: "" }
  const decoder = new TextDecoder()
  const note = (chunk: Uint8Array) => {
    const lines = (pending.text + decoder.decode(chunk, { stream: true })).split("\n")
    pending.text = lines.pop() ?? ""
    lines.forEach((line) => {
      const id = /"_tag":"Exit","requestId":"([^"]+)"/.exec(line)?.[1]
      if (id !== undefined) answered.add(id)
    })
  }
  const late = Stream.suspend(() => {
    const missing = ids.filter((id) => !answered.has(id))
    return missing.length === 0 ? Stream.empty : Stream.make(new TextEncoder().encode(missing.map((id) => `${_late(timeout)(id)}\n`).join("")))
  })
  return response.body._tag !== "Stream" ? response : HttpServerResponse.stream(
    response.body.stream.pipe(Stream.tap((chunk) => Effect.sync(() => note(chunk))), Stream.interruptAfter(left), Stream.concat(late)),
    { status: response.status, headers: response.headers, ...(response.body.contentType === undefined ? {} : { contentType: response.body.contentType }) }
  )
}

/** `response` with the NDJSON `lines` before its own body (answers for the lines that never reached the group). */
const _prepend = (response: HttpServerResponse.HttpServerResponse, lines: ReadonlyArray<string>): HttpServerResponse.HttpServerResponse => {
  const head = new TextEncoder().encode(lines.map((a) => `${a}\n`).join(""))
  const options = { status: response.status, headers: response.headers, contentType: "application/x-ndjson" }
  return lines.length === 0
    ? response
    : response.body._tag === "Stream"
    ? HttpServerResponse.stream(Stream.concat(Stream.make(head), response.body.stream), options)
    : response.body._tag === "Uint8Array"
    ? HttpServerResponse.uint8Array(new Uint8Array([...head, ...response.body.body]), options)
    : response
}

export const Guard = { guard } as const
