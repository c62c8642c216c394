/**
 * Pods of the workflow tests' app (`app/pod.ts`, build `v1` or `v2`) and the calls tests make on them:
 * start or run a saga, poll it, approve it, ask which pod owns it; every wait polls, none sleeps.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Pods } from "../cluster/Pods.js"
import type { Shared } from "./app/contracts/shared.js"
import { Saga } from "./app/Saga.js"

type _Input = typeof Shared.SagaV2.Type | typeof Shared.SagaV1.Type

const poll = Schedule.spaced("200 millis")

/** Retry `effect` until `ok`, polling; gives up (failing with `what`) after 90 s. */
const until = <A, E, R>(effect: Effect.Effect<A, E, R>, ok: (a: A) => boolean, what: string) =>
  effect.pipe(
    Effect.filterOrFail(ok, () => new Error(`not yet: ${what}`)),
    Effect.retry({ schedule: poll }),
    Effect.timeoutFail({ duration: "90 seconds", onTimeout: () => new Error(`gave up waiting: ${what}`) })
  )

const _call = (pod: Pods.Pod, method: "GET" | "POST", path: string, body?: unknown) =>
  HttpClientRequest.make(method)(pod.url(path)).pipe(
    (request) => body === undefined ? request : HttpClientRequest.bodyUnsafeJson(request, body),
    HttpClient.execute,
    Effect.flatMap((r) => r.status === 200 ? r.json : Effect.flatMap(r.text, (t) => Effect.fail(new Error(`${r.status}: ${t}`)))),
    Effect.scoped,
    Effect.timeoutFail({ duration: "60 seconds", onTimeout: () => new Error(`${method} ${path} timed out on ${pod.name}`) })
  )

/** Start one pod of `build` and wait until it holds shards (`/readyz`). */
const start = (databaseUrl: string, name: string, build: "v1" | "v2" = "v1") =>
  Pods.start({ name, databaseUrl, script: "test/runtime/workflows/app/pod.ts", env: { SAGA_BUILD: build } }).pipe(
    Effect.tap((pod) => until(_call(pod, "GET", "/readyz"), () => true, `${name} ready`))
  )

/** Start pods concurrently, then wait until every one is ready (ownership has settled). */
const startAll = (databaseUrl: string, names: ReadonlyArray<string>, build: "v1" | "v2" = "v1") =>
  Effect.forEach(names, (name) => start(databaseUrl, name, build), { concurrency: "unbounded" })

/** Run a saga and wait for its outcome (`Workflow.execute`): the Exit the caller got. */
const run = (pod: Pods.Pod, input: _Input) =>
  _call(pod, "POST", "/run", { input }).pipe(Effect.flatMap(Schema.decodeUnknown(Saga.Exit)))

/** Start a saga without waiting (`discard: true`). */
const begin = (pod: Pods.Pod, input: _Input) => Effect.asVoid(_call(pod, "POST", "/start", { input }))

/** What `Workflow.poll` says of run `runId`. */
const status = (pod: Pods.Pod, runId: string) =>
  _call(pod, "GET", `/poll/${runId}`).pipe(Effect.flatMap(Schema.decodeUnknown(Saga.Poll)))

/** Wait until run `runId` is complete; its Exit. */
const outcome = (pod: Pods.Pod, runId: string) =>
  until(status(pod, runId), (s) => s.state === "complete", `${runId} complete`).pipe(
    Effect.flatMap((s) => s.state === "complete" ? Effect.succeed(s.exit) : Effect.dieMessage("unreachable"))
  )

/** Signal the approval of run `runId`. */
const approve = (pod: Pods.Pod, runId: string, by: string) => Effect.asVoid(_call(pod, "POST", `/approve/${runId}/${by}`))

const _Local = Schema.decodeUnknown(Schema.Struct({ local: Schema.Boolean }))

/** The one pod among `pods` whose shards include run `runId`'s workflow entity. */
const owner = (pods: ReadonlyArray<Pods.Pod>, runId: string) =>
  until(
    Effect.forEach(pods, (pod) => _call(pod, "GET", `/local/${runId}`).pipe(Effect.flatMap(_Local)), { concurrency: "unbounded" }).pipe(
      Effect.map((answers) => pods.filter((_, i) => answers[i]!.local))
    ),
    (owners) => owners.length === 1,
    `one owner of ${runId}`
  ).pipe(Effect.map((owners) => owners[0]!))

/** SIGTERM: a graceful shutdown (shards released, finalizers run); waits until the process has exited. */
const stop = (pod: Pods.Pod) =>
  Effect.sync(() => process.kill(pod.pid, "SIGTERM")).pipe(
    Effect.zipRight(until(_alive(pod.pid), (alive) => !alive, `${pod.name} exited`))
  )

/** Signal 0 probes a process: it fails once the process is gone. */
const _alive = (pid: number) =>
  Effect.try(() => process.kill(pid, 0)).pipe(Effect.match({ onFailure: () => false, onSuccess: () => true }))

/** Print the last lines each pod logged. */
const printLogs = (pods: ReadonlyArray<Pods.Pod>) =>
  Effect.forEach(pods, (pod) => Effect.flatMap(pod.logs, (logs) => Effect.sync(() => console.log(`--- ${pod.name}:\n${logs.slice(-3000)}`))), {
    discard: true
  })

/** On failure or interruption (a test timeout), print the last lines each pod logged. */
const diagnose = (pods: ReadonlyArray<Pods.Pod>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.onExit(effect, (exit) => exit._tag === "Success" ? Effect.void : printLogs(pods))

export const SagaPods = { poll, until, start, startAll, run, begin, status, outcome, approve, owner, stop, printLogs, diagnose } as const
