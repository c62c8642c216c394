/**
 * The example app for the browser tests: one embedded PostgreSQL, two pods (`examples/pod.ts` as OS processes,
 * demo sign-in on, serving the page's test build), Chromium, all started together once per test file; a pod can
 * be killed (`kill -9`) and started again on the same port and database. Promise-returning, for playwright tests.
 */
import * as Command from "@effect/platform/Command"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { randomBytes } from "node:crypto"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Browser as Chromium } from "playwright-core"
import { Postgres } from "../../runtime/postgres/Postgres.js"
import { Pods } from "../runtime/cluster/Pods.js"
import { Browser } from "./Browser.js"
import { Web } from "./Web.js"

const _root = fileURLToPath(new URL("../..", import.meta.url))

/** A pod of the example app as a process: its port stays its own across restarts. */
interface _Pod {
  readonly name: string
  readonly port: number
  readonly url: string
  /** Everything the pod's current process printed so far. */
  readonly logs: Effect.Effect<string>
  readonly kill9: Effect.Effect<void>
}

/** Start `name` on `port` and wait until it answers `/readyz` with 200. */
const _start = (name: string, port: number, env: Readonly<Record<string, string>>) =>
  Effect.gen(function*() {
    const logs = yield* Ref.make("")
    const process = yield* Command.make(globalThis.process.execPath, "--import", "tsx", "examples/pod.ts").pipe(
      Command.workingDirectory(_root),
      Command.env({ ...env, POD_NAME: name, HTTP_PORT: String(port), CLUSTER_RUNNER_PORT: String(yield* Pods.freePort), LOG_FORMAT: "json" }),
      Command.start
    )
    const drain = (s: Stream.Stream<Uint8Array, unknown>) =>
      s.pipe(Stream.decodeText(), Stream.runForEach((chunk) => Ref.update(logs, (l) => l + chunk)), Effect.ignore, Effect.forkScoped)
    yield* drain(process.stdout)
    yield* drain(process.stderr)
    const url = `http://127.0.0.1:${port}`
    const failed = (why: string) => Effect.flatMap(Ref.get(logs), (l) => Effect.dieMessage(`pod ${name} ${why}:\n${l.slice(-4000)}`))
    yield* Effect.tryPromise(() => fetch(`${url}/readyz`)).pipe(
      Effect.filterOrFail((r) => r.ok),
      Effect.retry(Schedule.spaced("200 millis").pipe(Schedule.upTo("90 seconds"))),
      Effect.orElse(() => failed("not ready within 90 s")),
      Effect.raceFirst(Effect.flatMap(Effect.orDie(process.exitCode), (code) => failed(`exited (${code}) while starting`)))
    )
    const pod: _Pod = { name, port, url, logs: Ref.get(logs), kill9: process.kill("SIGKILL").pipe(Effect.ignore) }
    return pod
  })

/** The shards each pod holds, from `/readyz`: settled when every one of the 300 is held. */
const _settled = (pods: ReadonlyArray<_Pod>) =>
  Effect.forEach(pods, (p) =>
    Effect.tryPromise(() => fetch(`${p.url}/readyz`).then((r) => r.json() as Promise<{ checks: { cluster?: { details?: { shards?: number } } } }>))
      .pipe(Effect.map((r) => r.checks.cluster?.details?.shards ?? 0))).pipe(
      Effect.filterOrFail((shards) => shards.reduce((a, b) => a + b, 0) === 300 && shards.every((n) => n > 0)),
      Effect.retry(Schedule.spaced("250 millis").pipe(Schedule.upTo("90 seconds"))),
      Effect.orDie
    )

/** What a test file gets: the two pods, Chromium, and a pod's `kill -9` and restart. */
interface _Shop {
  readonly a: _Pod
  readonly b: _Pod
  readonly browser: Chromium
  /** `kill -9` of `pod`'s process: no close frames, no shutdown hooks. */
  readonly kill9: (pod: _Pod) => Promise<void>
  /** A new process for `pod` on its port and database; resolves once it is ready (`/readyz` 200). */
  readonly restart: (pod: _Pod) => Promise<_Pod>
  /** What `pod`'s current process has printed so far (JSON log lines). */
  readonly logs: (pod: _Pod) => Promise<string>
  readonly stop: () => Promise<void>
}

/** The stale client's version: a page built before the server's contracts changed. */
const staleVersion = "0000000000000000"

/**
 * Build the page (and its stale twin at `/app/stale/`), start PostgreSQL, two pods and Chromium at once; the
 * pods hold all shards between them when it resolves. `stop()` closes the browser, stops the pods, PostgreSQL.
 */
const start = (): Promise<_Shop> => {
  const runtime = ManagedRuntime.make(Layer.mergeAll(NodeContext.layer, Postgres.server))
  const scope = Effect.runSync(Scope.make())
  const run = <A, E>(effect: Effect.Effect<A, E, Scope.Scope | NodeContext.NodeContext | Layer.Layer.Success<typeof Postgres.server>>) =>
    runtime.runPromise(Scope.extend(effect, scope))
  const web = join(Browser.artifacts, "web")
  const env = (databaseUrl: string) => ({
    DATABASE_URL: databaseUrl,
    CLUSTER_SECRET: randomBytes(24).toString("base64url"),
    DEMO_SIGN_IN: "true",
    WEB_ROOT: web
  })
  const built = Web.pages(web, staleVersion)
  const pods = Effect.gen(function*() {
    const db = yield* Postgres.database("web")
    const shared = env(db.url)
    const [a, b] = yield* Effect.all([
      Effect.flatMap(Pods.freePort, (port) => _start("pod-a", port, shared)),
      Effect.flatMap(Pods.freePort, (port) => _start("pod-b", port, shared))
    ], { concurrency: 2 })
    yield* _settled([a!, b!])
    return { a: a!, b: b!, shared }
  })
  const browser = Effect.acquireRelease(Effect.promise(Browser.launch), (b) => Effect.promise(() => b.close()))
  const stop = () => Effect.runPromise(Scope.close(scope, Exit.void)).then(() => runtime.dispose())
  return run(Effect.all([pods, built, browser], { concurrency: "unbounded" })).then(([{ a, b, shared }, , chromium]): _Shop => ({
    a,
    b,
    browser: chromium,
    kill9: (pod) => run(pod.kill9),
    restart: (pod) => run(_start(pod.name, pod.port, shared)),
    logs: (pod) => run(pod.logs),
    stop
  }), (e) => stop().then(() => Promise.reject(e)))
}

/** The browser tests' app: `Shop.start()`. */
export const Shop = { start, staleVersion } as const

export declare namespace Shop {
  type Pod = _Pod
  type Running = _Shop
}
