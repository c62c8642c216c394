/**
 * The cluster's settings, read once through Effect `Config` (environment variables by default) and set in
 * one place. Runner addresses are always explicit: the library's own env reader would pick up stray
 * `HOST` / `PORT` variables. Defaults are tuned for fail-over and latency, not the library's throughput.
 */
import type * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as RunnerAddress from "@effect/cluster/RunnerAddress"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"

/**
 * The tuned defaults (see README, "Cluster settings"): a killed pod's shards move in ≲ 10 s (locks refreshed
 * every 2 s and expiring after 6 s, assignments re-read every second, runners pinged every 2 s), and
 * storage is polled every 250 ms so timers (cron ticks, DeliverAt) fire within a second.
 */
const defaults = {
  storage: "postgres" as ClusterConfig.Storage,
  runnerHost: "127.0.0.1",
  runnerPort: 34431,
  shardsPerGroup: 300,
  shardLockRefreshInterval: Duration.seconds(2),
  shardLockExpiration: Duration.seconds(6),
  refreshAssignmentsInterval: Duration.seconds(1),
  runnerHealthCheckInterval: Duration.seconds(2),
  entityMessagePollInterval: Duration.millis(250),
  entityReplyPollInterval: Duration.millis(50),
  sendTimeout: Duration.seconds(30),
  lockIdleTimeout: Duration.seconds(6),
  shardLease: Duration.seconds(4),
  runnerHealth: "ping" as ClusterConfig.RunnerHealth,
  messageStorage: "tuned" as ClusterConfig.MessageStorage,
  k8s: Option.none<{ readonly namespace?: string; readonly labelSelector?: string }>(),
  secret: Option.none<Redacted.Redacted<string>>()
} as const

/** Every setting, with its environment variable (upper snake case of the name, prefixed `CLUSTER_`). */
const config: Config.Config<ClusterConfig> = Config.all({
  storage: Config.literal("postgres", "sqlite", "memory")("CLUSTER_STORAGE").pipe(Config.withDefault(defaults.storage)),
  runnerHost: Config.string("CLUSTER_RUNNER_HOST").pipe(Config.withDefault(defaults.runnerHost)),
  runnerPort: Config.port("CLUSTER_RUNNER_PORT").pipe(Config.withDefault(defaults.runnerPort)),
  listenHost: Config.string("CLUSTER_LISTEN_HOST").pipe(Config.option),
  secret: Config.redacted("CLUSTER_SECRET").pipe(Config.option),
  shardsPerGroup: Config.integer("CLUSTER_SHARDS_PER_GROUP").pipe(Config.withDefault(defaults.shardsPerGroup)),
  shardLockRefreshInterval: Config.duration("CLUSTER_SHARD_LOCK_REFRESH").pipe(Config.withDefault(defaults.shardLockRefreshInterval)),
  shardLockExpiration: Config.duration("CLUSTER_SHARD_LOCK_EXPIRATION").pipe(Config.withDefault(defaults.shardLockExpiration)),
  refreshAssignmentsInterval: Config.duration("CLUSTER_REFRESH_ASSIGNMENTS").pipe(
    Config.withDefault(defaults.refreshAssignmentsInterval)
  ),
  runnerHealthCheckInterval: Config.duration("CLUSTER_HEALTH_CHECK_INTERVAL").pipe(
    Config.withDefault(defaults.runnerHealthCheckInterval)
  ),
  entityMessagePollInterval: Config.duration("CLUSTER_MESSAGE_POLL").pipe(Config.withDefault(defaults.entityMessagePollInterval)),
  entityReplyPollInterval: Config.duration("CLUSTER_REPLY_POLL").pipe(Config.withDefault(defaults.entityReplyPollInterval)),
  sendTimeout: Config.duration("CLUSTER_SEND_TIMEOUT").pipe(Config.withDefault(defaults.sendTimeout)),
  lockIdleTimeout: Config.duration("CLUSTER_LOCK_IDLE_TIMEOUT").pipe(Config.withDefault(defaults.lockIdleTimeout)),
  shardLease: Config.duration("CLUSTER_SHARD_LEASE").pipe(Config.withDefault(defaults.shardLease)),
  runnerHealth: Config.literal("ping", "k8s")("CLUSTER_RUNNER_HEALTH").pipe(Config.withDefault(defaults.runnerHealth)),
  messageStorage: Config.literal("tuned", "library")("CLUSTER_MESSAGE_STORAGE").pipe(Config.withDefault(defaults.messageStorage)),
  k8s: Config.all({
    namespace: Config.string("CLUSTER_K8S_NAMESPACE").pipe(Config.option),
    labelSelector: Config.string("CLUSTER_K8S_LABEL_SELECTOR").pipe(Config.option)
  }).pipe(Config.map(({ labelSelector, namespace }) =>
    Option.some({ ...Option.match(namespace, { onNone: () => ({}), onSome: (n) => ({ namespace: n }) }), ...Option.match(labelSelector, { onNone: () => ({}), onSome: (l) => ({ labelSelector: l }) }) })
  ))
}).pipe(Config.validate({
  message: "CLUSTER_SHARD_LEASE must be shorter than CLUSTER_LOCK_IDLE_TIMEOUT (a frozen pod must stop before its locks can be taken)",
  validation: (c) => Duration.lessThan(c.shardLease, c.lockIdleTimeout)
}))

/** The library's `ShardingConfig` for these settings: an explicit runner address, never env-derived. */
const sharding = (c: ClusterConfig): Partial<ShardingConfig.ShardingConfig["Type"]> => ({
  runnerAddress: Option.some(RunnerAddress.make(c.runnerHost, c.runnerPort)),
  runnerListenAddress: Option.map(c.listenHost, (host) => RunnerAddress.make(host, c.runnerPort)),
  shardsPerGroup: c.shardsPerGroup,
  shardLockRefreshInterval: c.shardLockRefreshInterval,
  shardLockExpiration: c.shardLockExpiration,
  refreshAssignmentsInterval: c.refreshAssignmentsInterval,
  runnerHealthCheckInterval: c.runnerHealthCheckInterval,
  entityMessagePollInterval: c.entityMessagePollInterval,
  entityReplyPollInterval: c.entityReplyPollInterval
})

/** Read the settings from the environment (or any ConfigProvider), failing with a readable ConfigError. */
const load = Effect.fn("ClusterConfig.load")(function*(overrides: Partial<ClusterConfig> = {}) {
  return { ...(yield* config), ...overrides } satisfies ClusterConfig
})

export const ClusterConfig = { defaults, config, sharding, load } as const

export interface ClusterConfig {
  /** `postgres`: many pods on one database; `sqlite`: one pod, embedded file; `memory`: tests. */
  readonly storage: ClusterConfig.Storage
  /** The address other runners reach this one at (a pod IP in Kubernetes). */
  readonly runnerHost: string
  readonly runnerPort: number
  /** Where to listen, when it differs from `runnerHost` (e.g. `0.0.0.0`). */
  readonly listenHost: Option.Option<string>
  /**
   * The cluster secret (`CLUSTER_SECRET`): when set, every runner-to-runner connection must open with a proof
   * of it, and others are dropped (`RunnerAuth`). Every pod of a cluster needs the same one.
   */
  readonly secret: Option.Option<Redacted.Redacted<string>>
  readonly shardsPerGroup: number
  readonly shardLockRefreshInterval: Duration.Duration
  readonly shardLockExpiration: Duration.Duration
  readonly refreshAssignmentsInterval: Duration.Duration
  readonly runnerHealthCheckInterval: Duration.Duration
  readonly entityMessagePollInterval: Duration.Duration
  readonly entityReplyPollInterval: Duration.Duration
  /** How long a call to an entity may take before it fails with a typed timeout. */
  readonly sendTimeout: Duration.Duration
  /**
   * `idle_session_timeout` of the shard-lock connections: PostgreSQL ends the session of a runner that sent
   * nothing for this long (a frozen or partitioned pod), freeing its shard locks for the other runners.
   */
  readonly lockIdleTimeout: Duration.Duration
  /**
   * How long a good lock refresh lets this runner process its shards, counted from the refresh's start;
   * shorter than `lockIdleTimeout`, so a runner that cannot refresh stops before anyone can take its shards.
   */
  readonly shardLease: Duration.Duration
  /** How runners decide a peer is dead: `ping` it (default) or ask Kubernetes (needs RBAC to list pods). */
  readonly runnerHealth: ClusterConfig.RunnerHealth
  /**
   * PostgreSQL message storage: `tuned` (default, `ClusterStorage`: the library's tables, a cheaper hot
   * path) or `library` (@effect/cluster's `SqlMessageStorage` as is).
   */
  readonly messageStorage: ClusterConfig.MessageStorage
  /** Namespace and label selector of the runner pods, for `runnerHealth: "k8s"`. */
  readonly k8s: Option.Option<{ readonly namespace?: string; readonly labelSelector?: string }>
}

export declare namespace ClusterConfig {
  type Storage = "postgres" | "sqlite" | "memory"
  type RunnerHealth = "ping" | "k8s"
  type MessageStorage = "tuned" | "library"
}
