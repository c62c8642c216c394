/**
 * Registering an endpoint, sending a webhook and verifying a signature, shown in docs/messaging.md.
 * Compiled against the example app's generated `OrderConfirmedWebhook`; nothing here runs.
 */
import * as Effect from "effect/Effect"
import { Webhooks } from "effect-contracts/Webhooks"
import { OrderConfirmedWebhook } from "../../examples/generated/orders/webhooks/OrderConfirmed.js"

export const confirm = (payload: OrderConfirmedWebhook.Payload) =>
  Effect.gen(function*() {
    // #region send
    const endpoint = yield* Webhooks.register({ webhook: "orders.OrderConfirmed", url: "https://merchant.example/hooks" }) // endpoint.secret: whsec_…
    const id = yield* OrderConfirmedWebhook.send(payload) // or send(payload, { id }): once per id and endpoint
    const deliveries = yield* Webhooks.deliveries(id) // [{ status: "delivered", attempts: 1, … }]
    // #endregion
    return { endpoint, deliveries }
  })

/** On the receiver's side: check the signature of a request before trusting its body. */
export const receive = (secret: string, headers: Readonly<Record<string, string>>, body: string) =>
  // #region verify
  Webhooks.verify({ secret, headers, body }) // fails with Webhooks.SignatureError
  // #endregion
