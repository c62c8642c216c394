/**
 * The DurableQueue worker that makes webhook requests: looks the endpoint up, opens its sealed secret, signs
 * the body (Standard Webhooks), POSTs it under the attempt's timeout and classifies the answer. It never
 * fails: every problem (a secret this pod's keys cannot open too) is an `Outcome` the workflow decides on.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as DurableQueue from "@effect/workflow/DurableQueue"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Instruments } from "../observability/Instruments.js"
import { WebhookDelivery } from "./Delivery.js"
import { WebhookEndpoints } from "./Endpoints.js"
import { WebhookSecrets } from "./Secrets.js"
import { WebhookSignature } from "./Signature.js"

type _Outcome = WebhookDelivery.Outcome

const [_Delivered, _Failed, _Gone, _Disabled, _Deadline] = WebhookDelivery.Outcome.members

const _excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text).replace(/\s+/g, " ").trim()

/** 2xx delivered; 410 gone (the endpoint is disabled); anything else is retried. */
const _classify = (endpoint: WebhookEndpoints.Stored, status: number, text: string): Effect.Effect<_Outcome, SqlError.SqlError, SqlClient.SqlClient> =>
  status >= 200 && status < 300
    ? Effect.succeed(_Delivered.make({ status }))
    : status === 410
    ? Effect.as(WebhookEndpoints.disable(endpoint.id, `HTTP 410 Gone from ${endpoint.url}`), _Gone.make({ status }))
    : Effect.succeed(_Failed.make({ error: `HTTP ${status}${text ? `: ${_excerpt(text)}` : ""}` }))

const _post = (endpoint: WebhookEndpoints.Stored, attempt: WebhookDelivery.Attempt) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const secret = yield* WebhookSecrets.open(endpoint.id, endpoint.sealed)
    const now = yield* Clock.currentTimeMillis
    const timeoutMs = Math.min(attempt.timeoutMs, attempt.deadlineAt - now)
    if (timeoutMs <= 0) {
      return _Deadline.make({})
    }
    const timestamp = Math.floor(now / 1000)
    const request = HttpClientRequest.post(endpoint.url).pipe(
      HttpClientRequest.setHeaders({
        ...WebhookSignature.headers(secret, attempt.messageId, timestamp, attempt.body),
        "user-agent": "effect-contracts-webhooks/1"
      }),
      HttpClientRequest.bodyText(attempt.body, "application/json")
    )
    const answer = yield* client.execute(request).pipe(
      Effect.flatMap((response) => Effect.map(Effect.orElseSucceed(response.text, () => ""), (text) => ({ status: response.status, text }))),
      Effect.timeoutFail({ duration: timeoutMs, onTimeout: () => `timed out after ${timeoutMs} ms` }),
      Effect.either
    )
    return yield* Either.match(answer, {
      onLeft: (error) => Effect.succeed(_Failed.make({ error: typeof error === "string" ? error : `request failed: ${error.message}` })),
      onRight: ({ status, text }) => _classify(endpoint, status, text)
    })
  })

/** A secret this pod cannot open: the attempt is not made, and fails (retried) with the setting to fix. */
const _unopened = (error: WebhookSecrets.KeyError) =>
  Effect.as(Effect.logError(`webhook attempt not made: ${error.message}`), _Failed.make({ error: error.message }))

const _outcome = Instruments.labels("outcome")

/** One attempt: an endpoint that is gone or disabled is not called. */
const attempt = (item: WebhookDelivery.Attempt) =>
  WebhookEndpoints.get(item.endpointId).pipe(
    Effect.flatMap(Option.match({
      onNone: () => Effect.succeed(_Disabled.make({ reason: `endpoint ${item.endpointId} no longer exists` })),
      onSome: (endpoint) =>
        endpoint.enabled
          ? Effect.catchTag(_post(endpoint, item), "WebhookSecretKeyError", _unopened)
          : Effect.succeed(_Disabled.make({ reason: `endpoint disabled: ${endpoint.disabledReason ?? "unknown reason"}` }))
    })),
    Effect.catchAllCause((cause) =>
      Cause.isInterruptedOnly(cause)
        ? Effect.interrupt
        : Effect.succeed(_Failed.make({ error: `attempt failed: ${_excerpt(Cause.pretty(cause))}` }))
    ),
    Effect.tap((outcome) => Effect.sync(() => Instruments.webhooks.attempts.unsafeUpdate(1, _outcome(outcome._tag)))),
    Effect.withSpan("Webhooks.attempt", { attributes: { messageId: item.messageId, endpointId: item.endpointId, attempt: item.attempt } })
  )

/** Webhook requests never follow redirects: a 3xx is an answer like any other non-2xx (retried). */
const _http = FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" })))

/** `concurrency` workers taking attempts from the queue (a hung endpoint holds one for its timeout). */
const layer = (concurrency: number) =>
  DurableQueue.worker(WebhookDelivery.queue, attempt, { concurrency }).pipe(Layer.provide(_http))

export const WebhookWorker = { attempt, layer } as const
