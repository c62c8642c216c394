/**
 * Webhook signatures in the Standard Webhooks format (`webhook-id`, `webhook-timestamp`, `webhook-signature:
 * v1,<base64 HMAC-SHA256>`), secrets as `whsec_<base64>`. Internal to `Webhooks`; pure, no I/O.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"

/** A signature that does not verify: which check failed. */
class WebhookSignatureError extends Schema.TaggedError<WebhookSignatureError>()("WebhookSignatureError", {
  reason: Schema.Literal("MissingHeaders", "InvalidTimestamp", "TimestampOutOfTolerance", "NoMatchingSignature"),
  message: Schema.String
}) {}

const _prefix = "whsec_"

/** A new secret: 24 random bytes, `whsec_<base64>` (the form Svix and Standard Webhooks use). */
const generateSecret = (): string => `${_prefix}${randomBytes(24).toString("base64")}`

const _key = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(_prefix) ? secret.slice(_prefix.length) : secret, "base64")

/** `v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${body}">` keyed with the base64-decoded secret. */
const sign = (secret: string, id: string, timestamp: number, body: string): string =>
  `v1,${createHmac("sha256", _key(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`

/** The three headers for one attempt: `timestamp` in seconds since the epoch. */
const headers = (secret: string, id: string, timestamp: number, body: string): Readonly<Record<string, string>> => ({
  "webhook-id": id,
  "webhook-timestamp": String(timestamp),
  "webhook-signature": sign(secret, id, timestamp, body)
})

const _header = (all: WebhookSignature.Headers, name: string): string | undefined => {
  const value = all[name] ?? all[name.toLowerCase()]
  return typeof value === "string" ? value : value?.[0]
}

const _fail = (reason: WebhookSignatureError["reason"], message: string) => Effect.fail(new WebhookSignatureError({ reason, message }))

const _equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * Check a received request: the headers are present, the timestamp is within `tolerance` of now (default
 * 5 minutes, against replays) and one of the space-separated `v1,` signatures matches the raw `body`.
 */
const verify = (options: {
  readonly secret: string
  readonly headers: WebhookSignature.Headers
  readonly body: string
  readonly tolerance?: Duration.DurationInput
}): Effect.Effect<void, WebhookSignatureError> =>
  Effect.gen(function*() {
    const id = _header(options.headers, "webhook-id")
    const timestamp = _header(options.headers, "webhook-timestamp")
    const signatures = _header(options.headers, "webhook-signature")
    if (id === undefined || timestamp === undefined || signatures === undefined) {
      return yield* _fail("MissingHeaders", "webhook-id, webhook-timestamp and webhook-signature are required")
    }
    const seconds = Number(timestamp)
    if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) {
      return yield* _fail("InvalidTimestamp", `webhook-timestamp is not a unix time in seconds: ${timestamp}`)
    }
    const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const tolerance = Duration.toSeconds(Duration.decode(options.tolerance ?? "5 minutes"))
    if (Math.abs(now - seconds) > tolerance) {
      return yield* _fail("TimestampOutOfTolerance", `webhook-timestamp ${seconds} is more than ${tolerance} s from now (${now})`)
    }
    const expected = sign(options.secret, id, seconds, options.body)
    const matches = signatures.split(" ").some((candidate) => _equal(candidate, expected))
    return matches ? undefined : yield* _fail("NoMatchingSignature", "no v1 signature matches the body")
  })

export const WebhookSignature = { generateSecret, sign, headers, verify, Error: WebhookSignatureError } as const

export declare namespace WebhookSignature {
  /** Request headers as Node gives them (`IncomingHttpHeaders`) or any string record. */
  type Headers = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  type Error = WebhookSignatureError
}
