/**
 * Health (HLTH-01/02): the HttpApi group `health` — `/health` reports every registered check, `/livez`
 * passes while the process serves, `/readyz` only when every check passes. Checks never hang a probe.
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as Sharding from "@effect/cluster/Sharding"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { HealthChecks } from "./HealthChecks.js"

const _Status = Schema.Literal("up", "down")

const _Result = Schema.Struct({
  status: _Status,
  latencyMs: Schema.Number,
  error: Schema.optional(Schema.String),
  details: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

const _Report = Schema.Struct({ status: _Status, checks: Schema.Record({ key: Schema.String, value: _Result }) })

/** `/readyz`'s 503 body: the same report as `/health`, so a failed probe says which check failed. */
class _NotReady extends Schema.Class<_NotReady>("NotReady")(_Report.fields) {}

/** The `health` group; add it to an app's `HttpApi` (`.add(Health.group)`) and provide `Health.handlers(api)`. */
const group = HttpApiGroup.make("health")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(_Report))
  .add(HttpApiEndpoint.get("livez", "/livez").addSuccess(Schema.Struct({ status: Schema.Literal("up") })))
  .add(HttpApiEndpoint.get("readyz", "/readyz").addSuccess(_Report).addError(_NotReady, { status: 503 }))

/** An API of the health group alone, for servers that have no `HttpApi` of their own. */
const api = HttpApi.make("health").add(group)

/** The registry of checks: what `Health.register` adds to and every endpoint runs. */
class _Checks extends Context.Tag("effect-contracts/Health/Checks")<_Checks, {
  readonly add: (name: string, check: Health.Check) => Effect.Effect<void, never, Scope.Scope>
  readonly report: Effect.Effect<Health.Report>
}>() {}

const _message = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  return error instanceof Error ? error.message : String(error)
}

/** Run one check with its deadline: a hung check is abandoned (interrupted in the background) and reported down. */
const _run = (timeout: Duration.Duration) => (check: Health.Check) =>
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeNanos
    const exit = yield* check.pipe(
      Effect.disconnect,
      Effect.timeoutFail({ duration: timeout, onTimeout: () => `timed out after ${Duration.toMillis(timeout)} ms` }),
      Effect.exit
    )
    const latencyMs = Math.round(Number((yield* Clock.currentTimeNanos) - start) / 1e4) / 100
    return Exit.match(exit, {
      onSuccess: (details): Health.Result => ({ status: "up", latencyMs, ...(details ? { details } : {}) }),
      onFailure: (cause): Health.Result => ({ status: "down", latencyMs, error: _message(cause) })
    })
  })

const _registry = (timeout: Duration.Duration) =>
  Effect.gen(function*() {
    const checks = yield* Ref.make(HashMap.empty<string, Health.Check>())
    const report = Ref.get(checks).pipe(
      Effect.flatMap((all) => Effect.all(Object.fromEntries(HashMap.map(all, _run(timeout))), { concurrency: "unbounded" })),
      Effect.map((results): Health.Report => ({
        status: Object.values(results).every((r) => r.status === "up") ? "up" : "down",
        checks: results
      }))
    )
    const add = (name: string, check: Health.Check) =>
      Effect.acquireRelease(Ref.update(checks, HashMap.set(name, check)), () => Ref.update(checks, HashMap.remove(name)))
    return _Checks.of({ add, report })
  })

/**
 * Add a check for as long as the layer lives. `check` succeeds (optionally with details for the report)
 * when the dependency is healthy and fails — with any error — when it is not; it runs with the services
 * of the layer's context, under the registry's timeout.
 */
const register = <R>(name: string, check: Effect.Effect<Health.Details | void, unknown, R>): Layer.Layer<never, never, _Checks | R> =>
  Layer.scopedDiscard(Effect.gen(function*() {
    const context = yield* Effect.context<R>()
    const checks = yield* _Checks
    yield* checks.add(name, Effect.provide(check, context))
  }))

/**
 * The check registry with the built-in checks: `database` (`SELECT 1`) and `cluster` (this runner is
 * registered and holds shards; see `HealthChecks`). Each check times out after `timeout` (default 2 s).
 */
const layer = (options: { readonly timeout?: Duration.DurationInput } = {}): Layer.Layer<_Checks, never, SqlClient.SqlClient | Sharding.Sharding> =>
  Layer.mergeAll(register("database", HealthChecks.database), register("cluster", HealthChecks.cluster)).pipe(
    Layer.provideMerge(Layer.scoped(_Checks, _registry(Duration.decode(options.timeout ?? "2 seconds"))))
  )

/** The report, running every registered check in parallel now. */
const report: Effect.Effect<Health.Report, never, _Checks> = Effect.flatMap(_Checks, (checks) => checks.report)

const _handlers = HttpApiBuilder.group(api, "health", (handlers) =>
  handlers
    .handle("health", () => report)
    .handle("livez", () => Effect.succeed({ status: "up" as const }))
    .handle("readyz", () =>
      Effect.filterOrElse(report, (r) => r.status === "up", (r) => Effect.fail(new _NotReady(r)))))

/**
 * The group's handlers for `api` — any `HttpApi` that includes `Health.group` (the API value only fixes the
 * type: group layers register on HttpApiBuilder's router, and `ApiGroup` is a phantom type).
 */
const handlers = <ApiId extends string = "health", G extends HttpApiGroup.HttpApiGroup.Any = never, E = never, R = never>(
  _api?: HttpApi.HttpApi<ApiId, G, E, R>
): Layer.Layer<HttpApiGroup.ApiGroup<ApiId, "health">, never, _Checks> =>
  _handlers as unknown as Layer.Layer<HttpApiGroup.ApiGroup<ApiId, "health">, never, _Checks>

/**
 * The same three endpoints on a plain `HttpRouter`, for servers that do not use `HttpApi`
 * (`router.pipe(HttpRouter.concat(Health.router))`); responses are identical to the group's.
 */
const router: HttpRouter.HttpRouter<HttpBody.HttpBodyError, _Checks> = HttpRouter.empty.pipe(
  HttpRouter.get("/health", Effect.flatMap(report, (r) => HttpServerResponse.json(r))),
  HttpRouter.get("/livez", HttpServerResponse.json({ status: "up" })),
  HttpRouter.get("/readyz", Effect.flatMap(report, (r) => HttpServerResponse.json(r, { status: r.status === "up" ? 200 : 503 })))
)

export const Health = { group, api, layer, register, report, handlers, router, Checks: _Checks } as const

export declare namespace Health {
  /** What a check may add to the report on success, e.g. `{ shards: 150 }`. */
  type Details = Readonly<Record<string, unknown>>
  /** A check: succeeds (with optional details) when healthy, fails with any error when not. */
  type Check = Effect.Effect<Details | void, unknown>
  /** The registry service `Health.layer` provides and `Health.register` needs. */
  type Checks = _Checks
  type Status = typeof _Status.Type
  /** One check's outcome: status, how long it took (ms), the error when down, details when up. */
  type Result = typeof _Result.Type
  /** `status` is `up` when every check is. */
  type Report = typeof _Report.Type
}
