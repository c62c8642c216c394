/**
 * Webhook endpoint secrets at rest: sealed with AES-256-GCM under the key `WEBHOOK_SECRET_KEY`, each
 * ciphertext tagged with its key's id; older keys (`WEBHOOK_SECRET_KEYS_PREVIOUS`) only open. No SQL here.
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"

const _current = "WEBHOOK_SECRET_KEY"
const _previous = "WEBHOOK_SECRET_KEYS_PREVIOUS"

/** A key setting that is missing, malformed, or does not open a stored secret; `setting` names what to fix. */
class WebhookSecretKeyError extends Schema.TaggedError<WebhookSecretKeyError>()("WebhookSecretKeyError", {
  setting: Schema.Literal(_current, _previous),
  reason: Schema.Literal("Missing", "Invalid", "UnknownKey", "Undecryptable"),
  detail: Schema.String
}) {
  override get message() {
    return `${this.setting}: ${this.detail}`
  }
}

interface _Key {
  readonly id: string
  readonly key: Buffer
}

/** The keys of a process: `current` seals, every key of `keys` (current included) opens. */
interface Keyring {
  readonly current: _Key
  readonly keys: ReadonlyMap<string, Buffer>
}

/** The keyring `Webhooks.layer` builds once per pod; `register`, the worker and re-encryption use it. */
class WebhookSecretKeys extends Context.Tag("effect-contracts/WebhookSecretKeys")<WebhookSecretKeys, Keyring>() {}

/** A key's id: the first 8 bytes of a SHA-256 of it, in hex (names the key, reveals nothing of it). */
const keyId = (key: Buffer): string =>
  createHash("sha256").update("effect-contracts/webhook-secret-key\u0000").update(key).digest("hex").slice(0, 16)

/**
 * The development key, used when `WEBHOOK_SECRET_KEY` is unset outside production (with a warning at every
 * start) and accepted for decryption outside production. It is public: it protects nothing.
 */
const developmentKey = "Y2jB1pRGybOBsr2JQbRF7/9SEMR+8Y5c/S2JSYcyZWY="

const _development: _Key = { id: keyId(Buffer.from(developmentKey, "base64")), key: Buffer.from(developmentKey, "base64") }

const _fail = (setting: WebhookSecretKeyError["setting"], reason: WebhookSecretKeyError["reason"], detail: string) =>
  Effect.fail(new WebhookSecretKeyError({ setting, reason, detail }))

/** A key setting's value: the base64 of exactly 32 bytes (`openssl rand -base64 32`). */
const _parse = (setting: WebhookSecretKeyError["setting"], value: Redacted.Redacted) => {
  const text = Redacted.value(value).trim()
  const key = Buffer.from(text, "base64")
  return /^[A-Za-z0-9+/]{43}=$/.test(text) && key.length === 32
    ? Effect.succeed<_Key>({ id: keyId(key), key })
    : _fail(setting, "Invalid", `a key is the base64 of 32 random bytes (44 characters; openssl rand -base64 32), not ${text.length} characters`)
}

const _set = (name: string) =>
  Config.redacted(name).pipe(Config.option, Config.map(Option.filter((v) => Redacted.value(v).trim() !== "")))

/** The settings, from the environment by default (any `ConfigProvider` works). */
const config = Config.all({
  current: _set(_current).pipe(Config.withDescription(
    "the key sealing webhook endpoint secrets at rest: base64 of 32 random bytes; required when NODE_ENV=production"
  )),
  previous: _set(_previous).pipe(
    Config.map(Option.match({ onNone: () => [], onSome: (v) => Redacted.value(v).split(",").filter((k) => k.trim() !== "").map((k) => Redacted.make(k)) })),
    Config.withDescription("older keys, comma-separated: they open secrets sealed before a rotation, never seal")
  ),
  production: Config.string("NODE_ENV").pipe(Config.withDefault(""), Config.map((env) => env === "production"))
})

const _warning = `${_current} is not set: webhook endpoint secrets are encrypted with the public development key, ` +
  `so anyone who can read the database can read them. Set ${_current} to the base64 of 32 random bytes ` +
  `(openssl rand -base64 32); it is required when NODE_ENV=production (docs/security.md, "Webhook secrets").`

/** The keyring of these settings: no current key outside production is the development key, loudly. */
const make = (settings: {
  readonly current: Option.Option<Redacted.Redacted>
  readonly previous: ReadonlyArray<Redacted.Redacted>
  readonly production: boolean
}): Effect.Effect<Keyring, WebhookSecretKeyError> =>
  Effect.gen(function*() {
    const current = yield* Option.match(settings.current, {
      onSome: (value) => _parse(_current, value),
      onNone: () =>
        settings.production
          ? _fail(_current, "Missing", "required when NODE_ENV=production: set it to the base64 of 32 random bytes (openssl rand -base64 32)")
          : Effect.as(Effect.logWarning(_warning), _development)
    })
    const previous = yield* Effect.forEach(settings.previous, (value) => _parse(_previous, value))
    const all = [current, ...previous, ...(settings.production ? [] : [_development])]
    return { current, keys: new Map(all.map((k) => [k.id, k.key])) }
  })

/**
 * The keyring as a layer: `secretKey` / `previousSecretKeys` when given, else `WEBHOOK_SECRET_KEY` and
 * `WEBHOOK_SECRET_KEYS_PREVIOUS` through `Config`. Fails with `WebhookSecretKeyError` naming the setting.
 */
const layer = (options: {
  readonly secretKey?: Redacted.Redacted | undefined
  readonly previousSecretKeys?: ReadonlyArray<Redacted.Redacted> | undefined
} = {}): Layer.Layer<WebhookSecretKeys, WebhookSecretKeyError | ConfigError.ConfigError> =>
  Layer.effect(WebhookSecretKeys, Effect.flatMap(config, (c) =>
    make({
      current: options.secretKey === undefined ? c.current : Option.some(options.secretKey),
      previous: options.previousSecretKeys ?? c.previous,
      production: c.production
    })))

const _version = "ec1"

/** The id of the key a stored secret is sealed with; none for a plaintext secret from before encryption. */
const sealedWith = (stored: string): Option.Option<string> => {
  const parts = stored.split(":")
  return parts.length === 4 && parts[0] === _version ? Option.fromNullable(parts[1]) : Option.none()
}

/** What a stored secret with key `id` looks like, for SQL `LIKE`. */
const pattern = (id: string) => `${_version}:${id}:%`

/** `ec1:<key id>:<iv>:<ciphertext + tag>` (base64), the endpoint id as associated data: rows cannot swap. */
const seal = (endpointId: string, secret: string): Effect.Effect<string, never, WebhookSecretKeys> =>
  Effect.map(WebhookSecretKeys, ({ current }) => {
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", current.key, iv).setAAD(Buffer.from(endpointId, "utf8"))
    const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()])
    return [_version, current.id, iv.toString("base64"), sealed.toString("base64")].join(":")
  })

const _open = (key: Buffer, endpointId: string, iv: string, data: string) =>
  Effect.try(() => {
    const bytes = Buffer.from(data, "base64")
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64")).setAAD(Buffer.from(endpointId, "utf8"))
    decipher.setAuthTag(bytes.subarray(bytes.length - 16))
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8")
  })

const _unknown = (endpointId: string, id: string) =>
  `endpoint ${endpointId}'s secret is sealed with key ${id}, which neither ${_current} nor ${_previous} holds` +
  (id === _development.id ? " (the public development key: list it in WEBHOOK_SECRET_KEYS_PREVIOUS once to re-encrypt)" : "")

/** The secret of a stored value: opened with the key it names; a plaintext value (not yet migrated) as is. */
const open = (endpointId: string, stored: string): Effect.Effect<string, WebhookSecretKeyError, WebhookSecretKeys> =>
  Effect.flatMap(WebhookSecretKeys, ({ keys }) => {
    const [, id = "", iv = "", data = ""] = stored.split(":")
    const key = keys.get(id)
    return Option.isNone(sealedWith(stored))
      ? Effect.succeed(stored)
      : key === undefined
      ? _fail(_current, "UnknownKey", _unknown(endpointId, id))
      : Effect.mapError(_open(key, endpointId, iv, data), () =>
        new WebhookSecretKeyError({
          setting: _current,
          reason: "Undecryptable",
          detail: `endpoint ${endpointId}'s secret does not decrypt under key ${id}: the row was altered or copied from another endpoint`
        }))
  })

export const WebhookSecrets = {
  Keys: WebhookSecretKeys,
  KeyError: WebhookSecretKeyError,
  config,
  make,
  layer,
  keyId,
  developmentKey,
  sealedWith,
  pattern,
  seal,
  open
} as const

export declare namespace WebhookSecrets {
  type Keys = WebhookSecretKeys
  type KeyError = WebhookSecretKeyError
  type Keyring = typeof WebhookSecretKeys.Service
}
