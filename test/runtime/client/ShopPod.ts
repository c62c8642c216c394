/**
 * The shop for the client tests: as an OS process (test/runtime/client/pod.ts) on a port the test chooses, so a
 * test can `kill -9` it and start another on the same port and database, or in this process (faster); and
 * publishing to its channel, with a way to know a subscription is live. Each server stops with the test's scope.
 */
import * as Command from "@effect/platform/Command"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Pods } from "../cluster/Pods.js"
import { ShopServer } from "./ShopServer.js"

const _root = fileURLToPath(new URL("../../..", import.meta.url))

/** A fresh SQLite file for a test's pods (they share it across restarts). */
const database = Effect.sync(() => join(mkdtempSync(join(tmpdir(), "ec-client-")), "shop.db"))

/** Start the pod on `port` (a free one by default) and wait until it answers `/livez`. */
const start = (options: { readonly db: string; readonly port?: number; readonly gate?: "open" | "closed" }) =>
  Effect.gen(function*() {
    const port = options.port ?? (yield* Pods.freePort)
    const logs = yield* Ref.make("")
    const process = yield* Command.make(globalThis.process.execPath, "--import", "tsx", "test/runtime/client/pod.ts").pipe(
      Command.workingDirectory(_root),
      Command.env({ HTTP_PORT: String(port), SHOP_DB: options.db, GATE: options.gate ?? "closed", REALTIME_POLL: "20 millis" }),
      Command.start
    )
    const drain = (stream: Stream.Stream<Uint8Array, unknown>) =>
      stream.pipe(Stream.decodeText(), Stream.runForEach((chunk) => Ref.update(logs, (l) => l + chunk)), Effect.ignore, Effect.forkScoped)
    yield* drain(process.stdout)
    yield* drain(process.stderr)
    const url = `http://127.0.0.1:${port}`
    yield* Effect.tryPromise(() => fetch(`${url}/livez`)).pipe(
      Effect.filterOrFail((r) => r.ok),
      Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.upTo("30 seconds"))),
      Effect.orElse(() => Effect.flatMap(Ref.get(logs), (l) => Effect.dieMessage(`the shop pod did not start:\n${l}`)))
    )
    // `stop` is a graceful shutdown (SIGTERM, as a rolling deploy sends), returning once the process exited.
    const stop = process.kill("SIGTERM").pipe(Effect.zipRight(process.exitCode), Effect.ignore)
    return { port, url, kill9: process.kill("SIGKILL").pipe(Effect.ignore), stop, logs: Ref.get(logs) }
  })

/** The same app in this process (faster to start; it cannot be killed): the shop on a free port until the scope closes. */
const serve = (options: { readonly gate?: "open" | "closed" } = {}) =>
  Effect.gen(function*() {
    const port = yield* Pods.freePort
    const filename = yield* database
    const launched = yield* Layer.launch(ShopServer.layer({ filename, gate: options.gate === "open", port })).pipe(Effect.forkScoped)
    const url = `http://127.0.0.1:${port}`
    yield* Effect.raceFirst(
      Fiber.join(launched),
      Effect.tryPromise(() => fetch(`${url}/livez`)).pipe(Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.upTo("30 seconds"))), Effect.orDie)
    )
    return { port, url }
  })

/** Publish messages `from`..`to` to `room` through the pod. */
const publish = (url: string, room: string, from: number, to: number) =>
  Effect.tryPromise(() => fetch(`${url}/publish?key=${room}&from=${from}&to=${to}`, { method: "POST" })).pipe(
    Effect.filterOrFail((r) => r.ok),
    Effect.orDie
  )

/** A channel item as the tests read it. */
type _Item = { readonly _tag: "Message"; readonly cursor: string; readonly payload: { readonly n: number } } | { readonly _tag: "Gap" | "Lagged"; readonly cursor: string }

/**
 * Publish `0`s to `room` until the subscriber collecting into `items` has one: from then on it misses nothing
 * (a subscription without a cursor starts from whenever the server registers it).
 */
const prime = (url: string, room: string, items: Queue.Dequeue<_Item>) =>
  publish(url, room, 0, 0).pipe(
    Effect.zipRight(Queue.size(items)),
    Effect.filterOrFail((n) => n > 0),
    Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.upTo("20 seconds"))),
    Effect.orDie
  )

/** Take items until the message numbered `last`; the numbers of the messages taken, `0`s left out. */
const until = (items: Queue.Dequeue<_Item>, last: number) =>
  Effect.gen(function*() {
    const taken: Array<_Item> = []
    while (taken.at(-1)?._tag !== "Message" || (taken.at(-1) as { readonly payload: { readonly n: number } }).payload.n !== last) {
      taken.push(yield* Queue.take(items))
    }
    return { items: taken, numbers: taken.flatMap((i) => i._tag === "Message" && i.payload.n !== 0 ? [i.payload.n] : []) }
  }).pipe(Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => new Error(`message ${last} never came`) }), Effect.orDie)

export const ShopPod = { database, start, serve, publish, prime, until } as const
