/**
 * The built-in health checks `Health.layer` registers: the database answers, and this runner is part of
 * the cluster and holds shards. Checks only read; they never repair, retry or time themselves out.
 */
import * as RunnerStorage from "@effect/cluster/RunnerStorage"
import * as Sharding from "@effect/cluster/Sharding"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ClusterLease } from "../cluster/ClusterLease.js"
import { ClusterState } from "../cluster/ClusterState.js"

/** `SELECT 1` on the app's `SqlClient`. */
const database: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.asVoid(sql`SELECT 1`))

/**
 * This runner's place in the cluster: up when Sharding is running, the runner holds at least one shard
 * (it has acquired the shard's lock, so it can process messages) and — when the cluster's `RunnerStorage`
 * is in context — it is listed there as a healthy runner, and — with the cluster's shard lease — its lease
 * is valid (a pod that froze or lost its lock connection is not ready until it holds shards again). Details:
 * `runner`, `shards` held, `lease` (`valid 3.2 s more` or `lapsed`), and with runner storage `registered` and
 * `runners` (healthy runners in the cluster).
 */
const cluster: Effect.Effect<Record<string, unknown>, string, Sharding.Sharding> = Effect.gen(function*() {
  const sharding = yield* Sharding.Sharding
  const state = yield* ClusterState.self
  const runner = ClusterState.address(state.runner)
  const storage = yield* Effect.serviceOption(RunnerStorage.RunnerStorage)
  const runners = yield* Option.match(storage, {
    onNone: () => Effect.succeed(Option.none<ReadonlyArray<readonly [string, boolean]>>()),
    onSome: (s) =>
      s.getRunners.pipe(
        Effect.map((all) => Option.some(all.map(([r, healthy]) => [ClusterState.address(r.address), healthy] as const))),
        Effect.mapError((error) => `runner storage unreachable: ${error.message}`)
      )
  })
  const registered = Option.map(runners, (all) => all.some(([address, healthy]) => healthy && address === runner))
  const shards = state.shards().length
  const shutdown = yield* sharding.isShutdown
  const lease = yield* Effect.flatMap(ClusterLease.current, Option.match({
    onNone: () => Effect.succeed(Option.none<ClusterLease.Status>()),
    onSome: (l) => Effect.map(l.status, Option.some)
  }))
  const problem = [
    [shutdown, "sharding is shutting down"],
    [Option.exists(lease, (l) => !l.valid), `runner ${runner} has no valid shard lease (its shard locks are not confirmed)`],
    [Option.contains(registered, false), `runner ${runner} is not registered as healthy`],
    [shards === 0, `runner ${runner} holds no shards`]
  ].find(([failed]) => failed)
  const details = {
    runner,
    shards,
    ...Option.match(runners, {
      onNone: () => ({}),
      onSome: (all) => ({ registered: Option.getOrElse(registered, () => false), runners: all.filter(([, h]) => h).length })
    }),
    ...Option.match(lease, {
      onNone: () => ({}),
      onSome: (l) => (l.fenced ? { lease: l.valid ? `valid ${(l.remainingMs / 1000).toFixed(1)} s more` : "lapsed" } : {})
    })
  }
  return yield* problem ? Effect.fail(String(problem[1])) : Effect.succeed(details)
})

export const HealthChecks = { database, cluster } as const
