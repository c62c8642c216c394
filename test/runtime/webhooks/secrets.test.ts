/**
 * Endpoint secrets at rest, on PostgreSQL and SQLite: stored encrypted (no plaintext in the column, none
 * returned after `register`), still signing deliveries receivers verify; key rotation with a previous key,
 * plaintext rows from before encryption migrated at start, and key problems as typed errors naming the
 * setting. Each "pod" is `Webhooks.layerWith` on a fresh in-memory workflow engine, its env a ConfigProvider.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as WorkflowEngine from "@effect/workflow/WorkflowEngine"
import { assert, layer } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { WebhookEndpoints } from "../../../runtime/webhooks/Endpoints.js"
import { WebhookSecrets } from "../../../runtime/webhooks/Secrets.js"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"
import { WebhookWorker } from "../../../runtime/webhooks/Worker.js"
import * as Receiver from "./Receiver.js"

const [A, B, C] = [0, 1, 2].map(() => randomBytes(32).toString("base64")) as [string, string, string]
const _id = (key: string) => WebhookSecrets.keyId(Buffer.from(key, "base64"))

const Ping = Webhooks.make({ name: "tests.Secret", payload: Schema.Struct({ n: Schema.Number }), retry: { delays: ["100 millis"] } })

/** Run `use` on one pod whose environment is `env` (nothing else: NODE_ENV unset unless given). */
const _pod = (env: Readonly<Record<string, string>>) => <X, E, R>(use: Effect.Effect<X, E, R>) =>
  Effect.scoped(Effect.gen(function*() {
    const pod = Webhooks.layerWith({ pollInterval: "50 millis" }).pipe(Layer.provideMerge(WorkflowEngine.layerMemory))
    const context = yield* Layer.build(pod).pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
    return yield* Effect.provide(use, context)
  }))

/** What a pod's start fails with. */
const _refused = (env: Readonly<Record<string, string>>) => Effect.flip(_pod(env)(Effect.void))

const _raw = (id: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql<{ readonly secret: string }>`SELECT secret FROM ec_webhook_endpoints WHERE id = ${id}`).pipe(
    Effect.map((rows) => rows[0]?.secret ?? "")
  )

/** An empty endpoints table (each test starts from none). */
const _fresh = Effect.zipRight(WebhookEndpoints.init, Effect.flatMap(SqlClient.SqlClient, (sql) => sql`DELETE FROM ec_webhook_endpoints`))

/** Send one message and wait for it to be delivered; yields whether the receiver verified its signature. */
const _delivered = (receiver: Receiver.Receiver, path: string) =>
  Effect.gen(function*() {
    const id = yield* Ping.send({ n: 1 })
    const [delivery] = yield* Webhooks.deliveries(id).pipe(
      Effect.filterOrFail((ds) => ds[0]?.status !== undefined && ds[0].status !== "delivering", () => "not yet"),
      Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 200 }),
      Effect.orDie
    )
    assert.strictEqual(delivery?.status, "delivered")
    return receiver.requests(path).filter((r) => r.id === id).map((r) => r.verified)
  })

/** The raw column holds neither the secret nor its key bytes, only a sealed value under `key`. */
const _sealed = (stored: string, secret: string, key: string) => {
  assert.notInclude(stored, secret)
  assert.notInclude(stored, secret.slice("whsec_".length))
  assert.match(stored, new RegExp(`^ec1:${_id(key)}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$`))
}

const _suite = <E>(name: string, sql: Layer.Layer<SqlClient.SqlClient, E>) =>
  layer(sql, { timeout: "60 seconds", excludeTestServices: true })(`webhook secrets at rest on ${name}`, (it) => {
    it.scoped("a secret is stored encrypted, returned only by register, and still signs deliveries the receiver verifies", () =>
      Effect.gen(function*() {
        yield* _fresh
        const receiver = yield* Receiver.make
        yield* _pod({ WEBHOOK_SECRET_KEY: A })(Effect.gen(function*() {
          const endpoint = yield* Webhooks.register({ webhook: Ping.name, url: receiver.url("/at-rest") })
          receiver.behave("/at-rest", { _tag: "Ok" }, endpoint.secret)
          _sealed(yield* _raw(endpoint.id), endpoint.secret, A)
          const listed = yield* Webhooks.endpoints({ webhook: Ping.name })
          assert.deepStrictEqual(listed.map((e) => Object.keys(e).sort()), [["createdAt", "disabledReason", "enabled", "id", "url", "webhook"]])
          assert.notInclude(JSON.stringify(listed), endpoint.secret)
          assert.deepStrictEqual(yield* _delivered(receiver, "/at-rest"), [true])
        }))
      }))

    it.scoped("rotation: sealed under A; B with A previous re-encrypts at start and deliveries verify; then A can go", () =>
      Effect.gen(function*() {
        yield* _fresh
        const receiver = yield* Receiver.make
        const endpoint = yield* _pod({ WEBHOOK_SECRET_KEY: A })(Webhooks.register({ webhook: Ping.name, url: receiver.url("/rotate") }))
        receiver.behave("/rotate", { _tag: "Ok" }, endpoint.secret)
        _sealed(yield* _raw(endpoint.id), endpoint.secret, A)
        yield* _pod({ WEBHOOK_SECRET_KEY: B, WEBHOOK_SECRET_KEYS_PREVIOUS: `${C},${A}` })(Effect.gen(function*() {
          _sealed(yield* _raw(endpoint.id), endpoint.secret, B)
          assert.deepStrictEqual(yield* _delivered(receiver, "/rotate"), [true])
          assert.strictEqual(yield* Webhooks.reencryptSecrets, 0, "nothing left under A")
        }))
        yield* _pod({ WEBHOOK_SECRET_KEY: B })(Effect.gen(function*() {
          assert.deepStrictEqual(yield* _delivered(receiver, "/rotate"), [true])
        }))
        const stale = yield* _refused({ WEBHOOK_SECRET_KEY: A })
        assert.deepStrictEqual([stale._tag, stale._tag === "WebhookSecretKeyError" && stale.reason], ["WebhookSecretKeyError", "UnknownKey"])
        assert.include(stale.message, "WEBHOOK_SECRET_KEYS_PREVIOUS")
        assert.include(stale.message, _id(B))
      }))

    it.scoped("a plaintext secret from before encryption is encrypted at start, never lost, and still signs", () =>
      Effect.gen(function*() {
        yield* _fresh
        const receiver = yield* Receiver.make
        const sql = yield* SqlClient.SqlClient
        const secret = Webhooks.generateSecret()
        yield* sql`INSERT INTO ec_webhook_endpoints (id, webhook, url, secret, enabled, disabled_reason, created_at)
          VALUES ('ep_legacy', ${Ping.name}, ${receiver.url("/legacy")}, ${secret}, 1, NULL, 1)`
        receiver.behave("/legacy", { _tag: "Ok" }, secret)
        yield* _pod({ WEBHOOK_SECRET_KEY: A })(Effect.gen(function*() {
          _sealed(yield* _raw("ep_legacy"), secret, A)
          assert.deepStrictEqual(yield* _delivered(receiver, "/legacy"), [true])
        }))
      }))

    it.scoped("a missing, malformed or wrong key fails with a typed error naming the setting, not deep in a delivery", () =>
      Effect.gen(function*() {
        yield* _fresh
        const missing = yield* _refused({ NODE_ENV: "production" })
        assert.deepStrictEqual(missing._tag === "WebhookSecretKeyError" && [missing.setting, missing.reason], ["WEBHOOK_SECRET_KEY", "Missing"])
        const short = yield* _refused({ WEBHOOK_SECRET_KEY: "c2hvcnQ=" })
        assert.deepStrictEqual(short._tag === "WebhookSecretKeyError" && [short.setting, short.reason], ["WEBHOOK_SECRET_KEY", "Invalid"])
        assert.notInclude(short.message, "c2hvcnQ=", "a key value is never printed")
        const previous = yield* _refused({ WEBHOOK_SECRET_KEY: A, WEBHOOK_SECRET_KEYS_PREVIOUS: "nope" })
        assert.deepStrictEqual(previous._tag === "WebhookSecretKeyError" && previous.setting, "WEBHOOK_SECRET_KEYS_PREVIOUS")

        const receiver = yield* Receiver.make
        const dev = yield* _pod({})(Webhooks.register({ webhook: Ping.name, url: receiver.url("/wrong") }))
        assert.match(yield* _raw(dev.id), new RegExp(`^ec1:${_id(WebhookSecrets.developmentKey)}:`), "outside production: the development key")
        const production = yield* _refused({ NODE_ENV: "production", WEBHOOK_SECRET_KEY: A })
        assert.include(production.message, "public development key", "production never opens what the development key sealed")

        const item = { messageId: "msg_wrong", endpointId: dev.id, generation: 0, attempt: 1, body: "{}", timeoutMs: 5000, deadlineAt: Date.now() + 60_000 }
        const outcome = yield* WebhookWorker.attempt(item).pipe(
          Effect.provide(Layer.merge(WebhookSecrets.layer({ secretKey: Redacted.make(C) }), FetchHttpClient.layer)),
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["NODE_ENV", "production"]])))
        )
        assert.deepStrictEqual(outcome._tag, "Failed")
        assert.include(outcome._tag === "Failed" ? outcome.error : "", "WEBHOOK_SECRET_KEY: endpoint")
        assert.strictEqual(receiver.requests("/wrong").length, 0, "no unsigned or mis-signed request is made")
      }))
  })

_suite("PostgreSQL", Postgres.layerClient)

_suite("SQLite", Layer.unwrapScoped(Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "ec-webhook-secrets-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map((dir) => SqliteClient.layer({ filename: join(dir, "app.db") })))))
