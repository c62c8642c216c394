/**
 * Synthesizes realistic `*.contract.ts` files for the codegen benchmark: events, public RPCs, an entity
 * with persisted messages, a versioned workflow and a cron schedule per contract. Writes nothing itself.
 */

/** Schemas every synthesized contract imports, as a real app's `shared.ts` would (not a contract). */
const _shared = `/**
 * Shared schemas of the synthesized benchmark contracts: branded identifiers and money.
 * Isomorphic: imports only \`effect/Schema\`.
 */
import * as Schema from "effect/Schema"

const TenantId = Schema.String.pipe(Schema.pattern(/^t_[a-z0-9]+$/), Schema.brand("TenantId"))
const CustomerId = Schema.String.pipe(Schema.pattern(/^cus_[A-Za-z0-9]+$/), Schema.brand("CustomerId"))
const Currency = Schema.Literal("EUR", "USD", "GBP")
const Money = Schema.Struct({
  amountCents: Schema.Int.pipe(Schema.nonNegative()),
  currency: Currency
}).annotations({ identifier: "Money" })

export const Shared = { TenantId, CustomerId, Currency, Money } as const
`

/** One contract; every name of a shared namespace (event, rpc, entity, workflow, schedule) ends in `i`. */
const _contract = (i: number): string => `/**
 * Synthesized benchmark contract ${i}: a tenant's catalogue items, their lifecycle and fulfilment.
 * Declares schemas only (isomorphic, no I/O).
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

const _ItemId = Schema.String.pipe(Schema.pattern(/^itm${i}_[A-Za-z0-9]+$/), Schema.brand("Item${i}Id"))

const _Status = Schema.Literal("draft", "active", "archived")

class _Item extends Schema.Class<_Item>("Item${i}")({
  tenantId: Shared.TenantId,
  itemId: _ItemId,
  title: Schema.String.pipe(Schema.maxLength(200)),
  status: _Status,
  price: Shared.Money,
  tags: Schema.Array(Schema.String),
  createdAt: Schema.DateTimeUtc,
  archivedAt: Schema.optional(Schema.DateTimeUtc)
}) {}

class _ItemNotFound extends Schema.TaggedError<_ItemNotFound>()("Item${i}NotFound", {
  tenantId: Shared.TenantId,
  itemId: _ItemId
}) {}

class _ItemRejected extends Schema.TaggedError<_ItemRejected>()("Item${i}Rejected", {
  itemId: _ItemId,
  reason: Schema.Literal("duplicate", "already_archived", "price_invalid")
}) {}

class _FulfilFailed extends Schema.TaggedError<_FulfilFailed>()("Fulfil${i}Failed", {
  itemId: _ItemId,
  reason: Schema.Literal("out_of_stock", "carrier_unavailable")
}) {}

const _ItemKey = Schema.Struct({ tenantId: Shared.TenantId, itemId: _ItemId })

const _FulfilV1 = Schema.Struct({
  tenantId: Shared.TenantId,
  itemId: _ItemId,
  customerId: Shared.CustomerId,
  quantity: Schema.Int.pipe(Schema.positive())
}).annotations({ identifier: "Fulfil${i}V1" })

const _FulfilV2 = Schema.Struct({
  ..._FulfilV1.fields,
  priority: Schema.optional(Schema.Literal("standard", "express"))
}).annotations({ identifier: "Fulfil${i}V2" })

export default Contract.make("svc${i}", {
  events: {
    /** An item was created and is visible in the catalogue. */
    Item${i}Created: Contract.event({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        itemId: _ItemId,
        price: Shared.Money,
        createdAt: Schema.DateTimeUtc
      }),
      key: (e) => \`\${e.tenantId}/\${e.itemId}\`
    }),
    /** An item was archived; it can no longer be ordered. */
    Item${i}Archived: Contract.event({
      payload: Schema.Struct({ tenantId: Shared.TenantId, itemId: _ItemId, reason: Schema.String, archivedAt: Schema.DateTimeUtc }),
      key: (e) => \`\${e.tenantId}/\${e.itemId}\`
    })
  },
  rpcs: {
    /** Read one item of the caller's tenant. */
    GetItem${i}: Contract.rpc({ payload: _ItemKey, success: _Item, error: _ItemNotFound }),
    /** List a tenant's items, one page at a time. */
    ListItems${i}: Contract.rpc({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        status: Schema.optional(_Status),
        limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 20 }),
        cursor: Schema.optional(Schema.String)
      }),
      success: Schema.Struct({ items: Schema.Array(_Item), nextCursor: Schema.NullOr(Schema.String) })
    })
  },
  entities: {
    /** One item: serialises every change to it, addressed by item id. */
    Item${i}: Contract.entity({
      rpcs: {
        /** Create the item; redelivery of the same item id is deduplicated. */
        Create: Contract.rpc({
          payload: { tenantId: Shared.TenantId, itemId: _ItemId, title: Schema.String, price: Shared.Money },
          success: _Item,
          error: _ItemRejected,
          persisted: true,
          primaryKey: (p) => \`\${p.tenantId}/\${p.itemId}\`
        }),
        /** Archive the item unless it already is. */
        Archive: Contract.rpc({
          payload: { tenantId: Shared.TenantId, itemId: _ItemId, reason: Schema.NonEmptyTrimmedString },
          success: _Item,
          error: Schema.Union(_ItemNotFound, _ItemRejected),
          persisted: true,
          primaryKey: (p) => \`\${p.tenantId}/\${p.itemId}\`
        }),
        /** Read the item's current state from the entity. */
        Get: Contract.rpc({ payload: _ItemKey, success: _Item, error: _ItemNotFound })
      },
      mailboxCapacity: 64,
      concurrency: 1,
      maxIdleTime: "5 minutes"
    })
  },
  workflows: {
    /** Reserve stock and hand the item to a carrier; compensates on failure. */
    Fulfil${i}: Contract.workflow({
      versions: [_FulfilV1, _FulfilV2],
      idempotencyKey: (p) => \`\${p.tenantId}/\${p.itemId}/\${p.customerId}\`,
      success: Schema.Struct({ itemId: _ItemId, shippedAt: Schema.DateTimeUtc }),
      error: _FulfilFailed
    })
  },
  schedules: {
    /** Every ${(i % 5) + 1} minutes, archive items left in draft for more than a day. */
    Sweep${i}: Contract.schedule({ cron: "*/${(i % 5) + 1} * * * *", skipIfOlderThan: "5 minutes" })
  }
})
`

/** The files of `n` contracts, relative to the contracts folder: `shared.ts` and `svc<i>.contract.ts`. */
const files = (n: number): ReadonlyArray<{ readonly name: string; readonly content: string }> => [
  { name: "shared.ts", content: _shared },
  ...Array.from({ length: n }, (_, i) => ({ name: `svc${i}.contract.ts`, content: _contract(i) }))
]

export const Synth = { files } as const
