/**
 * Raw SSE subscribers for the realtime benchmark: plain `node:http` GETs (no agent, so one socket each)
 * that count `data:` lines — or, for latency, hand each message's number to a callback. Measures only;
 * the hot path is bare callbacks so the clients cost as little as possible beside the server under test.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"

/** One subscriber's socket and what it has received. */
interface _Conn {
  readonly request: Http.ClientRequest
  /** `data:` lines received so far. */
  count: number
  /** The count at which it is done, and when it got there (`performance.now()`). */
  target: number
  reachedAt: number
  /** The last few characters of the previous chunk (a `data:` split across chunks), or the partial line. */
  tail: string
  /** The last `id:` seen (latency subscribers only). */
  cursor: string
}

/** What every subscriber of a group shares: the wait for all to reach their targets. */
interface _Group {
  readonly conns: Array<_Conn>
  remaining: number
  /** Messages each subscriber is waiting for since the last `arm`. */
  more: number
  done: Deferred.Deferred<void>
  /** For latency: called with each message's number, its cursor and its arrival time, instead of counting. */
  readonly onMessage: _OnMessage | undefined
}

type _OnMessage = (n: number, cursor: string, at: number) => void

const _pattern = "\ndata:"

const _occurrences = (text: string): number => {
  const state = { n: 0, at: text.indexOf(_pattern) }
  while (state.at !== -1) {
    state.n++
    state.at = text.indexOf(_pattern, state.at + _pattern.length)
  }
  return state.n
}

const _reached = (g: _Group, c: _Conn, at: number) => {
  c.reachedAt = at
  g.remaining--
  return g.remaining === 0 ? Deferred.unsafeDone(g.done, Exit.void) : undefined
}

const _count = (g: _Group, c: _Conn, chunk: string) => {
  const text = c.tail + chunk
  const before = c.count
  c.count += _occurrences(text)
  c.tail = text.slice(-(_pattern.length - 1))
  return before < c.target && c.count >= c.target ? _reached(g, c, performance.now()) : undefined
}

/** Whole lines only: each `data: {…"n":…}` line's number, with the cursor of the `id:` line before it, goes to `onMessage`. */
const _parse = (c: _Conn, chunk: string, onMessage: _OnMessage) => {
  const at = performance.now()
  const lines = (c.tail + chunk).split("\n")
  c.tail = lines.pop() ?? ""
  lines.forEach((line) =>
    line.startsWith("id: ")
      ? void (c.cursor = line.slice(4))
      : line.startsWith("data: ")
      ? (c.count++, onMessage((JSON.parse(line.slice(6)) as { readonly n: number }).n, c.cursor, at))
      : undefined
  )
}

const _connect = (g: _Group, url: string): Effect.Effect<_Conn, Error, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<_Conn, Error>((resume) => {
      const once = { open: true }
      const settle = (effect: Effect.Effect<_Conn, Error>) => once.open ? (once.open = false, resume(effect)) : undefined
      const request = Http.get(url, { agent: false }, (res) => {
        res.setEncoding("utf8")
        res.on("data", (chunk: string) => g.onMessage === undefined ? _count(g, conn, chunk) : _parse(conn, chunk, g.onMessage))
        res.on("error", () => undefined)
        settle(res.statusCode === 200 ? Effect.succeed(conn) : Effect.fail(new Error(`GET ${url}: status ${res.statusCode}`)))
      })
      const conn: _Conn = { request, count: 0, target: Infinity, reachedAt: Number.NaN, tail: "", cursor: "" }
      request.on("error", (cause) => settle(Effect.fail(cause)))
    }),
    (conn) => Effect.sync(() => conn.request.destroy())
  )

/** `n` subscribers of `url` (opened `concurrency` at a time), closed with the scope. */
const open = (url: string, n: number, options: { readonly concurrency?: number; readonly onMessage?: _OnMessage } = {}) =>
  Effect.gen(function*() {
    const g: _Group = { conns: [], remaining: 0, more: 0, done: yield* Deferred.make<void>(), onMessage: options.onMessage }
    yield* Effect.forEach(Array.from({ length: n }), () => Effect.map(_connect(g, url), (c) => void g.conns.push(c)), {
      concurrency: options.concurrency ?? 100,
      discard: true
    })
    return g
  })

/** From now on, every subscriber is done once it has `more` messages beyond what it has now. */
const arm = (g: _Group, more: number) =>
  Effect.gen(function*() {
    g.done = yield* Deferred.make<void>()
    g.remaining = g.conns.length
    g.more = more
    g.conns.forEach((c) => {
      c.target = c.count + more
      c.reachedAt = Number.NaN
    })
  })

/**
 * Wait (at most `timeoutMs`) until every subscriber is done: how many are, the messages they received since
 * `arm` (at most its `more` each), and when the last one got there (`performance.now()`; now if some never did).
 */
const settled = (g: _Group, timeoutMs: number) =>
  Deferred.await(g.done).pipe(
    Effect.timeout(timeoutMs),
    Effect.ignore,
    Effect.map(() => ({
      done: g.conns.length - g.remaining,
      of: g.conns.length,
      delivered: g.conns.reduce((a, c) => a + Math.max(0, Math.min(g.more, c.count - (c.target - g.more))), 0),
      fewest: g.conns.reduce((a, c) => Math.min(a, c.count - (c.target - g.more)), Infinity),
      lastAt: g.remaining > 0 ? performance.now() : g.conns.reduce((a, c) => Math.max(a, c.reachedAt), 0)
    }))
  )

/** How many subscribers have received at least one message. */
const started = (g: _Group) => Effect.sync(() => g.conns.filter((c) => c.count > 0).length)

export const SseClients = { open, arm, settled, started } as const

export declare namespace SseClients {
  type Group = _Group
}
