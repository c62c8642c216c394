/**
 * Fencing for the PostgreSQL cluster, composed from @effect/cluster's own pieces (never a fork): shard
 * locks on a dedicated pool whose sessions PostgreSQL ends after `lockIdleTimeout` of silence (a frozen
 * pod's locks are freed), the runner storage keeping the lease (`ClusterLease`) and raising fence epochs
 * (`ClusterFence`), and gates that run no
 * message for a shard outside the lease: the storage loop's reads, local sends and sends from other runners.
 */
import { EntityNotAssignedToRunner } from "@effect/cluster/ClusterError"
import * as MessageStorage from "@effect/cluster/MessageStorage"
import * as RunnerServer from "@effect/cluster/RunnerServer"
import * as Runners from "@effect/cluster/Runners"
import type * as ShardId from "@effect/cluster/ShardId"
import * as Sharding from "@effect/cluster/Sharding"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import * as RpcServer from "@effect/rpc/RpcServer"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { PostgresUrl } from "../postgres/PostgresUrl.js"
import type { ClusterConfig } from "./ClusterConfig.js"
import { ClusterFence } from "./ClusterFence.js"
import { ClusterLease } from "./ClusterLease.js"

type _Lease = ClusterLease.Service["Type"]

/** The URL of the app's `PgClient`, whether it was configured by URL or by fields. */
const _url = (config: PgClient.PgClientConfig): string =>
  config.url !== undefined
    ? Redacted.value(config.url)
    : `postgres://${encodeURIComponent(config.username ?? "")}${
      config.password === undefined ? "" : `:${encodeURIComponent(Redacted.value(config.password))}`
    }@${config.host ?? "localhost"}:${config.port ?? 5432}/${encodeURIComponent(config.database ?? "")}`

/**
 * The shard locks' own pool (PostgreSQL ≥ 14), on the app's server and credentials: `idle_session_timeout`
 * ends the session of a runner that went silent (TCP keepalives do not: the kernel answers them for a
 * stopped process), and `lock_timeout` bounds any wait on a row lock. Its idle clients close after 2 s, well
 * before the server would end them. With another `SqlClient` the locks share it, unfenced against freezes.
 */
const lockClient = (config: ClusterConfig): Layer.Layer<SqlClient.SqlClient, never, SqlClient.SqlClient> =>
  Layer.unwrapEffect(Effect.map(Effect.serviceOption(PgClient.PgClient), Option.match({
    onNone: () => Layer.effect(SqlClient.SqlClient, SqlClient.SqlClient),
    onSome: (pg) =>
      PgClient.layer({
        url: Redacted.make(PostgresUrl.withOptions(
          _url(pg.config),
          `-c idle_session_timeout=${Duration.toMillis(config.lockIdleTimeout)} -c lock_timeout=1000`
        )),
        ...(pg.config.ssl === undefined ? {} : { ssl: pg.config.ssl }),
        maxConnections: 3,
        idleTimeout: Duration.seconds(2),
        connectTimeout: Duration.seconds(5),
        applicationName: "effect-contracts shard locks"
      }).pipe(Layer.orDie)
  })))

/** The library's `SqlRunnerStorage` on the lock pool, keeping the lease. */
const runnerStorage = (config: ClusterConfig) =>
  ClusterLease.runnerStorage(SqlRunnerStorage.layer, ClusterFence.bump).pipe(Layer.provide(lockClient(config)))

const _shardOf = (message: { readonly envelope: { readonly address: { readonly shardId: ShardId.ShardId } } }) =>
  message.envelope.address.shardId

/**
 * The storage loop reads only shards under the lease, and drops what it read for a shard whose lease lapsed
 * meanwhile (the pod froze during the read), giving those shards' claims back to their new owner.
 */
const _gateStorage = (lease: _Lease, storage: MessageStorage.MessageStorage["Type"]): MessageStorage.MessageStorage["Type"] => {
  const held = <A extends { readonly envelope: { readonly address: { readonly shardId: ShardId.ShardId } } }>(messages: Array<A>) => {
    const dropped = messages.filter((m) => !lease.holds(_shardOf(m)))
    const kept = dropped.length === 0 ? messages : messages.filter((m) => lease.holds(_shardOf(m)))
    return dropped.length === 0
      ? Effect.succeed(kept)
      : storage.resetShards(new Set(dropped.map(_shardOf))).pipe(Effect.ignore, Effect.as(kept))
  }
  return MessageStorage.MessageStorage.of({
    ...storage,
    unprocessedMessages: (shardIds) =>
      Effect.flatMap(storage.unprocessedMessages(Array.from(shardIds).filter((s) => lease.holds(s))), held),
    unprocessedMessagesById: (ids) => Effect.flatMap(storage.unprocessedMessagesById(ids), held)
  })
}

/** `storage` (a layer providing the cluster's `MessageStorage`) with the lease's read gate. */
const messageStorage = <ROut, E, RIn>(storage: Layer.Layer<ROut | MessageStorage.MessageStorage, E, RIn>) =>
  Layer.effect(MessageStorage.MessageStorage, Effect.zipWith(ClusterLease.Lease, MessageStorage.MessageStorage, _gateStorage)).pipe(
    Layer.provideMerge(storage)
  )

const _refuse = (address: EntityNotAssignedToRunner["address"]) => Effect.fail(new EntityNotAssignedToRunner({ address }))

/** A send from this pod to its own entity: checked at the hand-over to the entity, the last step before it runs. */
const _gateRunners = (lease: _Lease, runners: Runners.Runners["Type"]): Runners.Runners["Type"] => ({
  ...runners,
  sendLocal: (options) =>
    runners.sendLocal({
      ...options,
      send: (message) => lease.holds(_shardOf(message)) ? options.send(message) : _refuse(message.envelope.address)
    })
})

/** A request from another runner: refused (the sender retries elsewhere) for a shard outside the lease. */
const _gateSharding = (lease: _Lease, sharding: Sharding.Sharding["Type"]): Sharding.Sharding["Type"] => ({
  ...sharding,
  send: (message) => lease.holds(_shardOf(message)) ? sharding.send(message) : _refuse(message.envelope.address)
})

/**
 * `SocketRunner.layer` with the gates: the same pieces (`RunnerServer.layer` over `Sharding.layer` and
 * `Runners.layerRpc`, on the socket server protocol), the runner server seeing a gated `Sharding`.
 */
const socketRunner = RunnerServer.layer.pipe(
  Layer.provide(Layer.effect(Sharding.Sharding, Effect.zipWith(ClusterLease.Lease, Sharding.Sharding, _gateSharding))),
  Layer.provideMerge(Sharding.layer),
  Layer.provideMerge(Layer.effect(Runners.Runners, Effect.zipWith(ClusterLease.Lease, Runners.Runners, _gateRunners)).pipe(
    Layer.provide(Runners.layerRpc)
  )),
  Layer.provide(RpcServer.layerProtocolSocketServer)
)

export const ClusterFencing = { lockClient, runnerStorage, messageStorage, socketRunner } as const
