/**
 * Golden scenario `channels`: a contract with `auth` whose channels need a principal that `allow` lets
 * through unless they say `auth: "none"`; docs/contracts.md shows its `channels` section.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

const TicketId = Schema.String.pipe(Schema.brand("TicketId"))
const Audience = Schema.compose(Schema.String, Schema.Literal("all", "staff"), { strict: false })

class TicketUpdate extends Schema.Class<TicketUpdate>("TicketUpdate")({
  ticketId: TicketId,
  status: Schema.Literal("open", "pending", "closed"),
  note: Schema.optional(Schema.String)
}) {}

export default Contract.make("desk", {
  auth: { principal: Shared.Principal },
  rpcs: {
    /** Close a ticket of the caller's tenant; its handler publishes the change to `TicketUpdates`. */
    CloseTicket: Contract.rpc({ payload: { tenantId: Shared.TenantId, ticketId: TicketId } })
  },
  // #region channels
  channels: {
    /** Every change to a tenant's tickets, as it happens; only that tenant's users may follow it. */
    TicketUpdates: Contract.channel({
      key: Shared.TenantId, // the stream's address: a Schema whose wire form is a string
      payload: TicketUpdate, // a Schema or a fields object
      allow: (tenantId, principal: Shared.Principal) => principal.tenantId === tenantId
    }),
    /** Service notices for everyone: no principal needed. A literal key keeps `string` as its wire form. */
    Notices: Contract.channel({ key: Audience, payload: { text: Schema.String }, auth: "none" })
  }
  // #endregion
})
