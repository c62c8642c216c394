/**
 * Golden scenario `kinds`: one contract declaring every kind the DSL knows, each with a doc comment, so
 * the expected output shows every emitter once. Schemas stay plain; `schemas` covers the tricky ones.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const _TicketId = Schema.String.pipe(Schema.brand("TicketId"))

const _Ticket = Schema.Struct({
  ticketId: _TicketId,
  title: Schema.String,
  status: Schema.Literal("open", "closed")
}).annotations({ identifier: "Ticket" })

class _TicketNotFound extends Schema.TaggedError<_TicketNotFound>()("TicketNotFound", { ticketId: _TicketId }) {}

class _TicketClosed extends Schema.TaggedError<_TicketClosed>()("TicketClosed", { ticketId: _TicketId }) {}

const _ImportV1 = Schema.Struct({ importId: Schema.String, url: Schema.String }).annotations({ identifier: "ImportV1" })

const _ImportV2 = Schema.Struct({
  ..._ImportV1.fields,
  format: Schema.Literal("csv", "json")
}).annotations({ identifier: "ImportV2" })

const _ImportV3 = Schema.Struct({
  ..._ImportV2.fields,
  dryRun: Schema.Boolean
}).annotations({ identifier: "ImportV3" })

export default Contract.make("kinds", {
  events: {
    /** A ticket was opened by a customer. */
    TicketOpened: Contract.event({
      payload: Schema.Struct({ ticketId: _TicketId, title: Schema.String }),
      key: (e) => e.ticketId
    }),
    /** A ticket was closed, by an agent or automatically. */
    TicketClosed: Contract.event({
      payload: Schema.Struct({ ticketId: _TicketId, closedBy: Schema.Literal("agent", "auto") }),
      key: (e) => e.ticketId
    })
  },
  rpcs: {
    /** Read one ticket by id. */
    GetTicket: Contract.rpc({ payload: { ticketId: _TicketId }, success: _Ticket, error: _TicketNotFound }),
    /** Ping the service: no payload, no success value. */
    Ping: Contract.rpc({}),
    /** Stream every ticket as it changes. */
    WatchTickets: Contract.rpc({ success: _Ticket, stream: true })
  },
  entities: {
    /** One ticket: serialises every change to it, addressed by ticket id. */
    Ticket: Contract.entity({
      rpcs: {
        /** Open the ticket; a redelivered open is deduplicated by ticket id. */
        Open: Contract.rpc({
          payload: { ticketId: _TicketId, title: Schema.String },
          success: _Ticket,
          persisted: true,
          primaryKey: (p) => p.ticketId
        }),
        /** Close the ticket unless it is closed already. */
        Close: Contract.rpc({
          payload: Schema.Struct({ ticketId: _TicketId, reason: Schema.String }),
          success: _Ticket,
          error: Schema.Union(_TicketNotFound, _TicketClosed),
          persisted: true,
          primaryKey: (p) => `${p.ticketId}/close`
        }),
        /** Read the ticket's current state; not persisted, lost if the entity moves mid-call. */
        Peek: Contract.rpc({ payload: { ticketId: _TicketId }, success: _Ticket, error: _TicketNotFound })
      },
      mailboxCapacity: 16,
      concurrency: "unbounded",
      maxIdleTime: "90 seconds"
    })
  },
  workflows: {
    /** Import tickets from a URL; v2 added the format, v3 a dry run. */
    Import: Contract.workflow({
      versions: [_ImportV1, _ImportV2, _ImportV3],
      idempotencyKey: (p) => p.importId,
      success: Schema.Struct({ imported: Schema.Int }),
      error: _TicketNotFound
    })
  },
  schedules: {
    /** Every night at 03:15, close tickets idle for thirty days. */
    CloseIdleTickets: Contract.schedule({ cron: "15 3 * * *", skipIfOlderThan: "10 minutes" }),
    /** One cluster-wide worker assigning new tickets to agents. */
    TicketAssigner: Contract.schedule({ singleton: true })
  }
})
