/**
 * The SSE fan-out baseline: a bare `node:http` server, no database, no Effect on the hot path. `GET /events`
 * keeps the response open; `POST /publish?from=&to=` writes frames shaped like the realtime endpoint's
 * (`id: <cursor>`, `data: {"n":…,"text":"message …"}`) to every open response, one `write` each; `GET /readyz`
 * answers 200. Run as its own process (`HTTP_PORT`), like a pod, so it never shares a thread with the clients.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Http from "node:http"

const _open = new Set<Http.ServerResponse>()

const _headers = { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "connection": "keep-alive" }

/** The same bytes the realtime endpoint sends for message `n` of a stream (an 8-character epoch). */
const _frame = (n: number) => `id: AAAAAAAA.${n}\ndata: ${JSON.stringify({ n, text: `message ${n}` })}\n\n`

const _subscribe = (_: Http.IncomingMessage, res: Http.ServerResponse) => {
  res.writeHead(200, _headers)
  res.write("retry: 2000\n\n")
  _open.add(res)
  res.on("close", () => _open.delete(res))
}

const _publish = (req: Http.IncomingMessage, res: Http.ServerResponse) => {
  const url = new URL(req.url ?? "/", "http://localhost")
  const from = Number(url.searchParams.get("from"))
  const to = Number(url.searchParams.get("to"))
  for (let n = from; n <= to; n++) {
    const frame = _frame(n)
    _open.forEach((r) => r.write(frame))
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ published: to - from + 1 }))
}

const _routes: Readonly<Record<string, (req: Http.IncomingMessage, res: Http.ServerResponse) => void>> = {
  "GET /events": _subscribe,
  "POST /publish": _publish,
  "GET /readyz": (_, res) => void res.end("ok")
}

const _handle = (req: Http.IncomingMessage, res: Http.ServerResponse) => {
  const route = _routes[`${req.method} ${(req.url ?? "/").split("?")[0]}`]
  return route === undefined ? void res.writeHead(404).end() : route(req, res)
}

/** Heartbeat comments every 15 s, as the realtime endpoint sends by default. */
const _heartbeat = () => _open.forEach((r) => r.write(": hb\n\n"))

const _serve = Effect.flatMap(Config.port("HTTP_PORT"), (port) =>
  Effect.acquireRelease(
    Effect.async<Http.Server>((resume) => {
      const server = Http.createServer(_handle)
      const timer = setInterval(_heartbeat, 15_000)
      server.on("close", () => clearInterval(timer))
      server.listen(port, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) => Effect.sync(() => (_open.forEach((r) => r.destroy()), server.close()))
  ))

NodeRuntime.runMain(Effect.scoped(Effect.zipRight(_serve, Effect.never)))
