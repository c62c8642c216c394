/**
 * The example app as it runs in production, on one machine: PostgreSQL (embedded unless `DATABASE_URL`), two
 * pod processes (`examples/pod.ts`) on free ports, a scripted tour over HTTP, then a clean shutdown.
 * `--serve` keeps everything running after the tour until Ctrl+C. Leaves no process and no database behind.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ClusterConfig } from "effect-contracts/ClusterConfig"
import { Postgres } from "effect-contracts/Postgres"
import { PostgresUrl } from "effect-contracts/PostgresUrl"
import { Shared } from "../contracts/shared.js"
import { DemoChannels } from "./demo/Channels.js"
import { Journal } from "./demo/Journal.js"
import { DemoPods } from "./demo/Pods.js"
import { Tour } from "./demo/Tour.js"

const _serve = process.argv.slice(2).includes("--serve")
const _logs = process.argv.slice(2).includes("--logs")

const _seconds = (since: number) => Effect.map(Clock.currentTimeMillis, (now) => `${((now - since) / 1000).toFixed(1)} s`)

/** Until Ctrl+C: the URLs to try, then every pod log line as it comes. */
const _serving = (pods: ReadonlyArray<DemoPods.Pod>, journal: Journal) =>
  Effect.gen(function*() {
    yield* Console.log("\n── Serving until Ctrl+C")
    yield* Effect.forEach(pods, (p) =>
      Console.log(`  ${p.name}  ${p.url}/health  ${p.url}/readyz  ${p.url}/context  (typed clients: ${p.url}/rpc/orders …, ${p.url}/ws)`), {
      discard: true
    })
    yield* Console.log(`  the web page (npm run web:build first): ${pods[0]!.url}/app/ and ${pods[1]!.url}/app/ (sign in as a demo user)`)
    const { token } = yield* Tour.signIn
    const acme = Shared.TenantId.make("t_acme")
    yield* Console.log(`  usr_acme's bearer token (a demo token of t_acme): ${token(acme)}`)
    yield* Console.log(`  t_acme's order changes as SSE: curl -N '${DemoChannels.url(pods[0]!, "OrderUpdates", acme, token(acme))}'`)
    yield* Console.log("  pod logs follow:\n")
    yield* journal.echo
    return yield* Effect.never
  })

/** Two pods on `databaseUrl`, ready, toured; stopped when the scope closes. */
const _pods = (databaseUrl: string, started: number) =>
  Effect.gen(function*() {
    const journal = yield* Journal.make
    yield* _logs ? journal.echo : Effect.void
    const { shardsPerGroup } = yield* Effect.orDie(ClusterConfig.load())
    const pods = yield* Effect.all([
      DemoPods.start({ name: "pod-a", databaseUrl, journal }),
      DemoPods.start({ name: "pod-b", databaseUrl, journal })
    ], { concurrency: "unbounded" }).pipe(Effect.parallelFinalizers)
    yield* Effect.forEach(pods, (p) => Console.log(`  ${p.name}  ${p.url}  (cluster runner ${p.runner}, pid ${p.pid})`), { discard: true })
    const held = yield* DemoPods.ready(pods, journal, shardsPerGroup)
    yield* Console.log(
      `  both ready (/readyz 200) after ${yield* _seconds(started)}: ${held.map((h) => `${h.pod.name} holds ${h.shards} shards`).join(", ")}`
    )
    yield* Tour.run(pods, journal)
    yield* _serve ? _serving(pods, journal) : Effect.void
    yield* Console.log("\n── Shutting down")
  })

const _demo = Effect.gen(function*() {
  const started = yield* Clock.currentTimeMillis
  yield* Console.log("effect-contracts demo: the example app as 2 pods on one PostgreSQL\n")
  yield* Effect.gen(function*() {
    const server = yield* Postgres.Server
    const db = yield* Postgres.database("demo")
    yield* Console.log(`  PostgreSQL (${server.provider}) after ${yield* _seconds(started)}: ${PostgresUrl.redact(db.url)}`)
    yield* Effect.scoped(_pods(db.url, started))
  }).pipe(
    Effect.scoped,
    Effect.provide(Postgres.server),
    Effect.ensuring(Console.log("  database dropped, PostgreSQL stopped"))
  )
  yield* Console.log(`\nDemo done in ${yield* _seconds(started)}.`)
})

NodeRuntime.runMain(_demo.pipe(Effect.provide(Layer.merge(NodeContext.layer, FetchHttpClient.layer))))
