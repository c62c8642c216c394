/**
 * One pod for the webhook crash test, as a real OS process: the PostgreSQL cluster with `Webhooks.layer`
 * (short queue locks) and `POST /send/:id` sending `tests.Crash` with that message id. Env only.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { createServer } from "node:http"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"

export const Crash = Webhooks.make({ name: "tests.Crash", payload: Schema.Struct({ n: Schema.Number }), attemptTimeout: "60 seconds" })

const _router = HttpRouter.empty.pipe(
  HttpRouter.post("/send/:id", Effect.gen(function*() {
    const id = (yield* HttpRouter.params)["id"] ?? ""
    return yield* HttpServerResponse.json({ id: yield* Crash.send({ n: id.length }, { id }) })
  })),
  HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
)

const _http = Layer.unwrapEffect(Effect.map(Config.port("HTTP_PORT"), (port) =>
  HttpServer.serve(_router).pipe(Layer.provide(NodeHttpServer.layer(createServer, { port, host: "127.0.0.1" })))))

/** HTTP last: the port answering means the webhook tables exist. */
const _main = _http.pipe(
  Layer.provideMerge(Webhooks.layerWith({ lockExpiration: "3 seconds", pollInterval: "100 millis" })),
  Layer.provideMerge(Cluster.layerConfig()),
  Layer.provideMerge(PgClient.layerConfig({ url: Config.redacted("DATABASE_URL") }))
)

NodeRuntime.runMain(Layer.launch(_main))
