/**
 * The `webhooks` HttpApi group: endpoints (register, list, disable), a message's delivery status, dead
 * letters (list, replay). An operator API: mount it behind your own authentication.
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as WorkflowEngine from "@effect/workflow/WorkflowEngine"
import * as Array from "effect/Array"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { WebhookAdmin } from "./Admin.js"
import { WebhookEndpoints } from "./Endpoints.js"
import { WebhookRecords } from "./Records.js"
import type { WebhookSecrets } from "./Secrets.js"

const _Id = Schema.Struct({ id: Schema.String })

/** The group; add it to an app's `HttpApi` (`.add(Webhooks.group)`) and provide `Webhooks.handlers(api)`. */
const group = HttpApiGroup.make("webhooks")
  .add(
    HttpApiEndpoint.get("endpoints", "/webhooks/endpoints")
      .setUrlParams(Schema.Struct({ webhook: Schema.optional(Schema.String) }))
      .addSuccess(Schema.Array(WebhookEndpoints.Info))
  )
  .add(
    HttpApiEndpoint.post("register", "/webhooks/endpoints")
      .setPayload(Schema.Struct({
        webhook: Schema.String,
        url: Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/)),
        secret: Schema.optional(Schema.String.pipe(Schema.pattern(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/)))
      }))
      .addSuccess(WebhookEndpoints.Endpoint, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("disable", "/webhooks/endpoints/:id/disable")
      .setPath(_Id)
      .addSuccess(WebhookEndpoints.Info)
      .addError(WebhookAdmin.NotFound, { status: 404 })
  )
  .add(
    HttpApiEndpoint.get("deliveries", "/webhooks/messages/:id")
      .setPath(_Id)
      .addSuccess(Schema.Array(WebhookRecords.Delivery))
  )
  .add(
    HttpApiEndpoint.get("deadLetters", "/webhooks/dead-letters")
      .setUrlParams(Schema.Struct({
        webhook: Schema.optional(Schema.String),
        status: Schema.optional(WebhookRecords.DeadLetter.fields.status)
      }))
      .addSuccess(Schema.Array(WebhookRecords.DeadLetter))
  )
  .add(
    HttpApiEndpoint.post("replay", "/webhooks/dead-letters/:id/replay")
      .setPath(_Id)
      .addSuccess(WebhookRecords.DeadLetter)
      .addError(WebhookAdmin.NotFound, { status: 404 })
  )

/** An API of the webhooks group alone, for servers that have no `HttpApi` of their own. */
const api = HttpApi.make("webhooks").add(group)

/** Database errors are the server's problem (500), not the caller's. */
const _handlers = HttpApiBuilder.group(api, "webhooks", (handlers) =>
  handlers
    .handle("endpoints", ({ urlParams }) =>
      WebhookEndpoints.list(urlParams).pipe(Effect.map(Array.map(WebhookEndpoints.info)), Effect.orDie))
    .handle("register", ({ payload }) => Effect.orDie(WebhookEndpoints.register(payload)))
    .handle("disable", ({ path }) => WebhookAdmin.disable(path.id).pipe(Effect.catchTag("SqlError", Effect.die)))
    .handle("deliveries", ({ path }) => Effect.orDie(WebhookRecords.deliveries(path.id)))
    .handle("deadLetters", ({ urlParams }) => Effect.orDie(WebhookRecords.deadLetters(urlParams)))
    .handle("replay", ({ path }) => WebhookAdmin.replay(path.id).pipe(Effect.catchTag("SqlError", Effect.die))))

type _Needs = SqlClient.SqlClient | WorkflowEngine.WorkflowEngine | WebhookSecrets.Keys

/**
 * The group's handlers for `api` — any `HttpApi` that includes the group (the API value only fixes the
 * type, as in `Health.handlers`). `register` seals secrets with the keyring `Webhooks.layer` provides.
 */
const handlers = <ApiId extends string = "webhooks", G extends HttpApiGroup.HttpApiGroup.Any = never, E = never, R = never>(
  _api?: HttpApi.HttpApi<ApiId, G, E, R>
): Layer.Layer<HttpApiGroup.ApiGroup<ApiId, "webhooks">, never, _Needs> =>
  (_handlers satisfies Layer.Layer<HttpApiGroup.ApiGroup<"webhooks", "webhooks">, never, _Needs>) as unknown as Layer.Layer<
    HttpApiGroup.ApiGroup<ApiId, "webhooks">,
    never,
    _Needs
  >

export const WebhookApi = { group, api, handlers } as const
