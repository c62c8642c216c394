/**
 * The browser client, shown in docs/client.md: the generated `makeClient` in Effect code, `connectClient` as
 * promises, the connection state, typed errors, and RPCs a reconnect may replay. The app is the golden
 * `channels` scenario (contract `desk`: tickets and their live updates). Compiled, never run.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { Client } from "effect-contracts/Client"
import type { Shared } from "../../test/golden/channels/contracts/shared.js"
import type { ClientRpcs } from "../../test/golden/channels/generated/Client.js"
import { connectClient, makeClient } from "../../test/golden/channels/generated/Client.js"

type TenantId = typeof Shared.TenantId.Type
type TicketId = Parameters<Client.Client<typeof ClientRpcs>["desk"]["CloseTicket"]>[0]["ticketId"]

declare const tenantId: TenantId
declare const ticketId: TicketId
declare const show: (update: { readonly ticketId: string; readonly status: string }) => void
declare const refetchTickets: Effect.Effect<void>
declare const setBanner: (text: string) => void

// #region effect
const desk = Effect.gen(function*() {
  const client = yield* makeClient({
    url: "https://desk.example.com",
    token: Effect.sync(() => localStorage.getItem("token") ?? undefined),
    timeout: "10 seconds"
  })
  // The connection's state, for a banner: connecting, open, reconnecting, closed.
  yield* client.state.changes.pipe(
    Stream.runForEach((state) => Effect.sync(() => setBanner(state === "reconnecting" ? "Reconnecting…" : ""))),
    Effect.forkScoped
  )
  // A channel: messages in order, gaps when some were missed; resumed from its cursor after a disconnect.
  yield* client.subscribe("desk.TicketUpdates", tenantId).pipe(
    Stream.runForEach((item) => item._tag === "Message" ? Effect.sync(() => show(item.payload)) : refetchTickets),
    Effect.forkScoped
  )
  // A call: typed payload, success and errors — the contract's and the edge's.
  yield* client.desk.CloseTicket({ tenantId, ticketId }).pipe(
    Effect.catchTags({
      Unauthorized: () => Effect.sync(() => location.assign("/sign-in")),
      Unavailable: (e) => e.outcome === "not-stored" ? Effect.sync(() => setBanner("Not sent: try again")) : refetchTickets
    })
  )
}).pipe(Effect.scoped)
// #endregion

// #region promise
export const startDesk = () =>
  connectClient({ url: "https://desk.example.com", token: () => localStorage.getItem("token") ?? undefined }).then((client) => {
    const stopState = client.onState((state) => setBanner(state === "reconnecting" ? "Reconnecting…" : ""))
    const stopUpdates = client.subscribe("desk.TicketUpdates", tenantId, {
      onMessage: (update) => show(update),
      onGap: () => Effect.runFork(refetchTickets),
      onError: (error) => console.error(error)
    })
    return {
      // Resolves with the success; rejects with the typed error object (`error._tag`).
      closeTicket: (id: TicketId) => client.desk.CloseTicket({ tenantId, ticketId: id }),
      stop: () => (stopState(), stopUpdates(), client.close())
    }
  })
// #endregion

// #region replay
import { Contract } from "effect-contracts"

export const tickets = Contract.make("tickets", {
  rpcs: {
    /** Safe to run twice: a client replays it when a disconnect cut it. */
    AssignTicket: Contract.rpc({ payload: { ticketId: Schema.String, to: Schema.String }, idempotent: true }),
    /** Carries its own key: its handler forwards it to a persisted entity message, deduplicated by that key. */
    OpenTicket: Contract.rpc({
      payload: { requestId: Schema.String, title: Schema.String },
      success: Schema.String,
      primaryKey: (p) => p.requestId
    })
  }
})
// #endregion

export const samples = { desk }
