/**
 * The cluster layer: one constructor selecting storage — PostgreSQL (many pods: socket runners, SQL
 * message and runner storage, advisory-lock shard ownership), SQLite (one pod) or memory (tests) — plus
 * the workflow engine. Composes @effect/cluster's own pieces; never re-implements routing or ownership.
 */
import * as ClusterWorkflowEngine from "@effect/cluster/ClusterWorkflowEngine"
import type * as MessageStorage from "@effect/cluster/MessageStorage"
import * as RunnerHealth from "@effect/cluster/RunnerHealth"
import * as Runners from "@effect/cluster/Runners"
import type * as Sharding from "@effect/cluster/Sharding"
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as SingleRunner from "@effect/cluster/SingleRunner"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as TestRunner from "@effect/cluster/TestRunner"
import * as NodeClusterSocket from "@effect/platform-node/NodeClusterSocket"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as NodeSocketServer from "@effect/platform-node/NodeSocketServer"
import { Socket } from "@effect/platform/Socket"
import * as SocketServer from "@effect/platform/SocketServer"
import * as RpcClient from "@effect/rpc/RpcClient"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as WorkflowEngine from "@effect/workflow/WorkflowEngine"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { Postgres } from "../postgres/Postgres.js"
import { ClusterConfig } from "./ClusterConfig.js"
import { RunnerAuth } from "./RunnerAuth.js"
import { ClusterLease } from "./ClusterLease.js"
import { ClusterFencing } from "./Fencing.js"
import { ClusterStorage } from "./storage/ClusterStorage.js"
import { Migrations } from "../postgres/Migrations.js"
import { StorageIsolation } from "./storage/Isolation.js"
import { Instrumented } from "../observability/Instrumented.js"
import { Metrics } from "../observability/Metrics.js"
import { Observability } from "../observability/Observability.js"
import { Probes } from "../observability/Probes.js"
import { ClusterState } from "./ClusterState.js"

/**
 * Runner-to-runner connections with TCP_NODELAY: the library's sockets leave Nagle's algorithm on, which
 * costs a cross-pod request ~95 ms at p50 instead of ~5 ms.
 */
const _clientProtocol = (c: ClusterConfig) => Layer.effect(
  Runners.RpcClientProtocol,
  Effect.map(RpcSerialization.RpcSerialization, (serialization) => (address) =>
    Option.match(c.secret, {
      onNone: () => NodeSocket.makeNet({ openTimeout: 1000, timeout: 5500, host: address.host, port: address.port, noDelay: true }),
      onSome: (secret) => RunnerAuth.connect({ host: address.host, port: address.port, secret, openTimeout: 1000 })
    }).pipe(
      Effect.flatMap((socket) =>
        RpcClient.makeProtocolSocket().pipe(
          Effect.provideService(Socket, socket),
          Effect.provideService(RpcSerialization.RpcSerialization, serialization)
        )
      ),
      Effect.orDie
    ))
)

/** The runner port, on the configured interface only; with a cluster secret, open only to runners proving it. */
const _socketServer = (c: ClusterConfig) => {
  const host = Option.getOrElse(c.listenHost, () => c.runnerHost)
  return Option.match(c.secret, {
    onNone: () => NodeSocketServer.layer({ host, port: c.runnerPort, noDelay: true }),
    onSome: (secret) => Layer.scoped(SocketServer.SocketServer, RunnerAuth.server({ host, port: c.runnerPort, secret }))
  })
}

const _storageLockId = 0x45434c55

const _runnerHealth = (c: ClusterConfig) =>
  c.runnerHealth === "k8s"
    ? RunnerHealth.layerK8s(Option.getOrUndefined(c.k8s)).pipe(Layer.provide(NodeClusterSocket.layerK8sHttpClient))
    : RunnerHealth.layerPing.pipe(Layer.provide(Runners.layerRpc), Layer.provide(_clientProtocol(c)))

/** The message storage on PostgreSQL: ours (`ClusterStorage`, same tables) or the library's as is. */
const _messageStorage = (c: ClusterConfig) =>
  c.messageStorage === "library" ? SqlMessageStorage.layer : ClusterStorage.layer

/** Many pods on one PostgreSQL database (or any SqlClient with advisory locks), fenced (`Fencing.ts`). */
const _sql = (c: ClusterConfig) =>
  ClusterFencing.socketRunner.pipe(
    Layer.provide([_socketServer(c), _clientProtocol(c)]),
    Layer.provide(_runnerHealth(c)),
    // The storages create their tables as they start: built under a cluster-wide advisory lock.
    Layer.provideMerge(
      Migrations.serialized(_storageLockId, Layer.mergeAll(
        ClusterFencing.messageStorage(StorageIsolation.layer(Instrumented.messageStorage(_messageStorage(c)))),
        ClusterFencing.runnerStorage(c)
      ))
    ),
    Layer.provideMerge(ClusterLease.layer(c)),
    Layer.provideMerge(ShardingConfig.layer(ClusterConfig.sharding(c))),
    Layer.provide(RpcSerialization.layerMsgPack),
    Layer.orDie
  )

/** One pod with durable storage in the given SqlClient (SQLite): no sockets, no other runners. */
const _single = (c: ClusterConfig) =>
  SingleRunner.layer({ shardingConfig: ClusterConfig.sharding(c), runnerStorage: "sql" }).pipe(Layer.orDie)

/** Everything in memory, one runner: for tests and demos that need no durability. */
const _memory = TestRunner.layer

type _Cluster = Sharding.Sharding | Runners.Runners | MessageStorage.MessageStorage | ClusterLease.Service

/** The shards this runner holds, for `/metrics` (`Probes.Shards`; not in `Cluster.Services`: an internal). */
const _shards = Layer.effect(Probes.Shards, Effect.map(ClusterState.self, (state) => Effect.sync(() => state.shards().map((s) => s.toString()))))

/**
 * The workflow engine over the cluster, whose entities (the app's, the engine's) record message metrics
 * (`Instrumented`); beneath it all, `Observability` (OTLP export, spans off when nothing exports them), built
 * first so that every fiber of the cluster and the app sees the tracer.
 */
const _withEngine = <E, R>(cluster: Layer.Layer<_Cluster, E, R>) =>
  Layer.mergeAll(ClusterWorkflowEngine.layer, Metrics.layer.pipe(Layer.provideMerge(_shards))).pipe(
    Layer.provideMerge(Instrumented.sharding),
    Layer.provideMerge(cluster),
    Layer.provide(Layer.orDie(Observability.layer))
  )

/**
 * The cluster for these settings: `Sharding`, `Runners`, `MessageStorage`, a `WorkflowEngine` and the shard
 * lease (`ClusterLease`, read by `/readyz`; it never lapses without shard locks). The
 * `postgres` and `sqlite` storages need a `SqlClient` (see `Postgres`); `memory` needs nothing.
 */
const layer = (config: ClusterConfig): Layer.Layer<Cluster.Services, never, SqlClient.SqlClient> =>
  config.storage === "memory"
    ? _withEngine(Layer.merge(_memory, ClusterLease.unfenced))
    : config.storage === "sqlite"
    ? _withEngine(Layer.merge(_single(config), ClusterLease.unfenced))
    : _withEngine(_sql(config))

/** The cluster configured from the environment (`ClusterConfig`); a bad setting dies with its ConfigError. */
const layerConfig = (overrides: Partial<ClusterConfig> = {}): Layer.Layer<Cluster.Services, never, SqlClient.SqlClient> =>
  Layer.unwrapEffect(ClusterConfig.load(overrides).pipe(Effect.map(layer), Effect.orDie))

/**
 * One process, nothing durable: the memory cluster and an in-memory SQLite database for the runtime's own
 * tables (outbox, webhooks). For a service's first run, tests and demos.
 */
const inMemory = (): Layer.Layer<Cluster.Services | SqlClient.SqlClient> =>
  layerConfig({ storage: "memory" }).pipe(
    Layer.provideMerge(Layer.orDie(SqliteClient.layer({ filename: ":memory:" })))
  )

/**
 * The cluster on PostgreSQL (`DATABASE_URL`, or a throwaway embedded server when it is unset), configured
 * from the environment (`CLUSTER_*`): what a pod runs.
 */
const onPostgres = (overrides: Partial<ClusterConfig> = {}): Layer.Layer<Cluster.Services | SqlClient.SqlClient> =>
  layerConfig({ storage: "postgres", ...overrides }).pipe(Layer.provideMerge(Layer.orDie(Postgres.layer)))

export const Cluster = { layer, layerConfig, inMemory, onPostgres } as const

export declare namespace Cluster {
  /** What the cluster layer provides to the app's generated `AppLayer`. */
  type Services =
    | Sharding.Sharding
    | Runners.Runners
    | MessageStorage.MessageStorage
    | WorkflowEngine.WorkflowEngine
    | ClusterLease.Service
}
