/**
 * Webhooks (JOBS-02): signed (Standard Webhooks), retried with jittered exponential backoff through a
 * DurableQueue on SQL, dead-lettered at a deadline, replayable; endpoint secrets encrypted at rest. Delivery
 * is cluster workflows and a SQL PersistedQueue — composed from @effect/workflow, never a hand-rolled loop.
 */
import * as PersistedQueue from "@effect/experimental/PersistedQueue"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as SqlPersistedQueue from "@effect/sql/SqlPersistedQueue"
import type * as WorkflowEngine from "@effect/workflow/WorkflowEngine"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { randomBytes } from "node:crypto"
import { Migrations } from "../postgres/Migrations.js"
import { WebhookAdmin } from "./Admin.js"
import { WebhookApi } from "./Api.js"
import { WebhookDelivery } from "./Delivery.js"
import { WebhookEndpoints } from "./Endpoints.js"
import { WebhookPolicy } from "./Policy.js"
import { WebhookPrune } from "./Prune.js"
import { WebhookRecords } from "./Records.js"
import { WebhookSecrets } from "./Secrets.js"
import { WebhookSignature } from "./Signature.js"
import { WebhookWorker } from "./Worker.js"

/**
 * A webhook: `send` validates the payload (a `ParseError` stores nothing), then starts one delivery cycle
 * per enabled endpoint of the webhook, idempotent per (message id, endpoint): sending an id again is a
 * no-op. Yields the message id (`options.id`, else a new `msg_…`), which receivers see as `webhook-id`.
 */
const make = <P extends Schema.Schema.AnyNoContext>(options: {
  readonly name: string
  readonly payload: P
  readonly retry?: Webhooks.RetryPolicy
  readonly attemptTimeout?: Duration.DurationInput
  readonly deadline?: Duration.DurationInput
}): Webhooks.Webhook<P> => {
  const policy = WebhookPolicy.resolve(options)
  const encode = Schema.encode(options.payload)
  const send = (payload: Schema.Schema.Type<P>, sendOptions?: { readonly id?: string }) =>
    Effect.gen(function*() {
      const body = JSON.stringify(yield* encode(payload))
      const messageId = sendOptions?.id ?? `msg_${randomBytes(12).toString("hex")}`
      const endpoints = yield* WebhookEndpoints.list({ webhook: options.name, enabledOnly: true })
      yield* Effect.forEach(endpoints, (endpoint) =>
        WebhookDelivery.start({ messageId, endpointId: endpoint.id, webhook: options.name, body, generation: 0, policy }), {
        concurrency: 16,
        discard: true
      })
      return messageId
    }).pipe(Effect.withSpan("Webhooks.send", { attributes: { webhook: options.name } }))
  return { name: options.name, payload: options.payload, policy, send }
}

const _lockId = 0x45435747

const _stores = (pollInterval: Duration.DurationInput, lockExpiration: Duration.Duration) =>
  Migrations.serialized(_lockId, Layer.mergeAll(
    SqlPersistedQueue.layerStore({
      tableName: "ec_webhook_queue",
      pollInterval,
      lockExpiration,
      lockRefreshInterval: Duration.divide(lockExpiration, 3).pipe(Option.getOrElse(() => lockExpiration))
    }),
    Layer.effectDiscard(Effect.zipRight(WebhookEndpoints.init, WebhookRecords.init))
  ))

/**
 * Re-encrypt every endpoint secret not sealed under the current key (plaintext rows from before encryption,
 * rows under a `WEBHOOK_SECRET_KEYS_PREVIOUS` key); `Webhooks.layer` runs it at every start. Yields how many
 * rows it re-sealed. A row under a key this process lacks fails with `SecretKeyError`.
 */
const reencryptSecrets: Effect.Effect<number, WebhookSecrets.KeyError | SqlError.SqlError, SqlClient.SqlClient | WebhookSecrets.Keys> =
  WebhookEndpoints.reseal.pipe(
    Effect.tap((n) => n > 0 ? Effect.logInfo(`webhooks: re-encrypted ${n} endpoint secret(s) under the current key`) : Effect.void)
  )

/**
 * The delivery workflow and `concurrency` queue workers (default 16: a hung endpoint holds one for at most
 * its attempt timeout; 0: this pod makes no requests), on the SQL PersistedQueue table `ec_webhook_queue`
 * polled every `pollInterval` (default 200 ms) when idle. An attempt taken by a pod that dies is taken
 * again by another pod's worker after `lockExpiration` (default 30 s; live workers refresh their locks
 * every third of it). Creates its tables, then re-encrypts secrets (`reencryptSecrets`) under the key
 * `secretKey`, else `WEBHOOK_SECRET_KEY` (required when `NODE_ENV=production`); a missing, malformed or
 * wrong key fails the layer with `SecretKeyError`. Provides the keyring (`register` needs it). Needs the
 * cluster's `WorkflowEngine` and a `SqlClient`.
 */
const layerWith = (options: {
  readonly concurrency?: number
  readonly pollInterval?: Duration.DurationInput
  readonly lockExpiration?: Duration.DurationInput
  readonly secretKey?: Redacted.Redacted
  readonly previousSecretKeys?: ReadonlyArray<Redacted.Redacted>
} = {}): Layer.Layer<
  WebhookSecrets.Keys,
  WebhookSecrets.KeyError | ConfigError.ConfigError,
  WorkflowEngine.WorkflowEngine | SqlClient.SqlClient
> => {
  const tables = _stores(options.pollInterval ?? "200 millis", Duration.decode(options.lockExpiration ?? "30 seconds")).pipe(Layer.orDie)
  const secrets = Layer.effectDiscard(Effect.catchTag(reencryptSecrets, "SqlError", Effect.die)).pipe(Layer.provideMerge(tables))
  return Layer.mergeAll(WebhookDelivery.layer, WebhookWorker.layer(options.concurrency ?? 16)).pipe(
    Layer.provide(PersistedQueue.layer),
    Layer.orDie,
    Layer.provide(secrets),
    Layer.provideMerge(WebhookSecrets.layer(options))
  )
}

/** `layerWith()` with the defaults. */
const layer = layerWith()

export const Webhooks = {
  make,
  layer,
  layerWith,
  /**
   * Register an endpoint for a webhook (`secret` generated as `whsec_…` unless given); yields it with its
   * secret, the only time it is returned: it is stored encrypted, and nothing reads it back but the worker.
   */
  register: WebhookEndpoints.register,
  /** Endpoints (of a webhook), without their secrets. */
  endpoints: WebhookEndpoints.list,
  reencryptSecrets,
  /** The secret keyring alone, for a process that registers endpoints without running `layer`. */
  layerKeys: WebhookSecrets.layer,
  disable: WebhookAdmin.disable,
  /** Every endpoint's delivery status for a message id. */
  deliveries: WebhookRecords.deliveries,
  /** Dead letters, newest first (`status` defaults to `dead`). */
  deadLetters: WebhookRecords.deadLetters,
  replay: WebhookAdmin.replay,
  prune: WebhookPrune.prune,
  verify: WebhookSignature.verify,
  /** The three Standard Webhooks headers for a body: what senders set and `verify` checks. */
  sign: WebhookSignature.headers,
  generateSecret: WebhookSignature.generateSecret,
  /** Svix's schedule, the default. */
  svix: WebhookPolicy.svix,
  group: WebhookApi.group,
  api: WebhookApi.api,
  handlers: WebhookApi.handlers,
  NotFound: WebhookAdmin.NotFound,
  SignatureError: WebhookSignature.Error,
  SecretKeyError: WebhookSecrets.KeyError
} as const

export declare namespace Webhooks {
  /** A declared webhook: its name, payload schema, resolved policy and `send`. */
  interface Webhook<P extends Schema.Schema.AnyNoContext> {
    readonly name: string
    readonly payload: P
    readonly policy: WebhookPolicy.Resolved
    readonly send: (payload: Schema.Schema.Type<P>, options?: { readonly id?: string }) => Effect.Effect<
      string,
      ParseResult.ParseError | SqlError.SqlError,
      SqlClient.SqlClient | WorkflowEngine.WorkflowEngine
    >
  }
  type RetryPolicy = WebhookPolicy.RetryPolicy
  type Endpoint = WebhookEndpoints.Endpoint
  type EndpointInfo = WebhookEndpoints.Info
  type Delivery = WebhookRecords.Delivery
  type DeliveryStatus = WebhookRecords.Status
  type DeadLetter = WebhookRecords.DeadLetter
  type NotFound = WebhookAdmin.NotFound
  type SignatureError = WebhookSignature.Error
  type SecretKeyError = WebhookSecrets.KeyError
  /** The secret keyring `layer` and `layerKeys` provide. */
  type SecretKeys = WebhookSecrets.Keys
  type Headers = WebhookSignature.Headers
}
