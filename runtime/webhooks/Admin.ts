/**
 * Operator actions on webhooks, shared by the `Webhooks` functions and the HTTP API: disable an endpoint,
 * replay a dead letter with a fresh attempt cycle. Unknown ids fail with `WebhookNotFound`.
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import type * as WorkflowEngine from "@effect/workflow/WorkflowEngine"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { WebhookDelivery } from "./Delivery.js"
import { WebhookEndpoints } from "./Endpoints.js"
import { WebhookRecords } from "./Records.js"

/** No endpoint or dead letter has this id. */
class WebhookNotFound extends Schema.TaggedError<WebhookNotFound>()("WebhookNotFound", {
  kind: Schema.Literal("endpoint", "dead-letter"),
  id: Schema.String
}) {
  override get message() {
    return `no webhook ${this.kind} ${this.id}`
  }
}

const _found = <A>(kind: WebhookNotFound["kind"], id: string) => (found: Option.Option<A>) =>
  Option.match(found, { onNone: () => Effect.fail(new WebhookNotFound({ kind, id })), onSome: Effect.succeed })

/** Disable an endpoint: attempts already queued for it stop, `send` skips it. Yields it, disabled. */
const disable = (id: string, reason = "disabled by an operator"): Effect.Effect<WebhookEndpoints.Info, WebhookNotFound | SqlError.SqlError, SqlClient.SqlClient> =>
  WebhookEndpoints.disable(id, reason).pipe(Effect.flatMap(_found("endpoint", id)), Effect.map(WebhookEndpoints.info))

const _cycle = (letter: WebhookRecords.DeadLetter, generation: number) =>
  WebhookDelivery.start({
    messageId: letter.messageId,
    endpointId: letter.endpointId,
    webhook: letter.webhook,
    body: letter.body,
    policy: letter.policy,
    generation
  })

/**
 * Re-deliver a dead letter with a fresh attempt cycle (a new generation: attempts and deadline start over)
 * to its endpoint (a disabled endpoint buries it again, with the reason). Idempotent: replaying a letter that is already `replaying`
 * restarts nothing new (it resumes the same cycle if a crash interrupted the replay); a `delivered` one is
 * left alone. Yields the letter as it is now.
 */
const replay = (id: string): Effect.Effect<
  WebhookRecords.DeadLetter,
  WebhookNotFound | SqlError.SqlError,
  SqlClient.SqlClient | WorkflowEngine.WorkflowEngine
> =>
  Effect.gen(function*() {
    const letter = yield* WebhookRecords.deadLetter(id).pipe(Effect.flatMap(_found("dead-letter", id)))
    yield* letter.status === "dead"
      ? Effect.flatMap(WebhookRecords.claim(id, letter.generation), (claimed) =>
        claimed ? _cycle(letter, letter.generation + 1) : Effect.void)
      : letter.status === "replaying"
      ? _cycle(letter, letter.generation)
      : Effect.void
    return yield* WebhookRecords.deadLetter(id).pipe(Effect.flatMap(_found("dead-letter", id)))
  })

export const WebhookAdmin = { NotFound: WebhookNotFound, disable, replay } as const

export declare namespace WebhookAdmin {
  type NotFound = WebhookNotFound
}
