/**
 * Golden scenario `schemas`: the schema shapes the generator must walk and render, used as payloads,
 * successes and errors of RPCs, entity messages, events and workflow versions.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

/** A brand straight on a keyword (no refinement underneath). */
const _ProductId = Schema.String.pipe(Schema.brand("ProductId"))
/** A brand over a refinement. */
const _Sku = Schema.String.pipe(Schema.pattern(/^[A-Z]{3}-[0-9]{4}$/), Schema.brand("Sku"))
const _Cents = Schema.Int.pipe(Schema.nonNegative(), Schema.brand("Cents"))
const _VoucherCode = Schema.TemplateLiteral("VCH-", Schema.Number)
const _Sort = Schema.Literal("price_asc", "price_desc", "newest")

enum _Priority {
  Low = "low",
  Normal = "normal",
  Urgent = "urgent"
}

/** A recursive schema whose wire form differs (`weight` travels as a string). */
interface _Category {
  readonly name: string
  readonly weight: number
  readonly children: ReadonlyArray<_Category>
}
interface _CategoryEncoded {
  readonly name: string
  readonly weight: string
  readonly children: ReadonlyArray<_CategoryEncoded>
}
const _Category: Schema.Schema<_Category, _CategoryEncoded> = Schema.Struct({
  name: Schema.String,
  weight: Schema.NumberFromString,
  children: Schema.Array(Schema.suspend((): Schema.Schema<_Category, _CategoryEncoded> => _Category))
}).annotations({ identifier: "Category" })

/** `[width, height?, ...labels]` */
const _Dimensions = Schema.Tuple([Schema.Number, Schema.optionalElement(Schema.Number)], Schema.String)

class _Product extends Schema.Class<_Product>("Product")({
  productId: _ProductId,
  sku: _Sku,
  price: _Cents,
  tags: Schema.NonEmptyArray(Schema.String),
  attributes: Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Number) }),
  headers: Schema.Record({ key: Schema.TemplateLiteral("x-", Schema.String), value: Schema.String }),
  dimensions: _Dimensions,
  releasedAt: Schema.DateFromString,
  discontinuedAt: Schema.NullOr(Schema.DateFromString),
  priority: Schema.Enums(_Priority)
}) {}

class _Shipped extends Schema.TaggedClass<_Shipped>()("Shipped", {
  carrier: Schema.String,
  trackingCode: Schema.NullOr(Schema.String)
}) {}

class _Delivered extends Schema.TaggedClass<_Delivered>()("Delivered", { at: Schema.DateFromString }) {}

const _Shipment = Schema.Union(_Shipped, _Delivered)

/** A tagged union of tagged structs. */
const _PaymentMethod = Schema.Union(
  Schema.TaggedStruct("Card", { last4: Schema.String.pipe(Schema.length(4)) }),
  Schema.TaggedStruct("Cash", {}),
  Schema.TaggedStruct("Voucher", { code: _VoucherCode })
)

class _ProductNotFound extends Schema.TaggedError<_ProductNotFound>()("ProductNotFound", { productId: _ProductId }) {}

class _InvalidPrice extends Schema.TaggedError<_InvalidPrice>()("InvalidPrice", {
  price: Schema.Number,
  reason: Schema.Literal("negative", "too_high")
}) {}

class _Reprice extends Schema.Class<_Reprice>("Reprice")({
  productId: _ProductId,
  price: _Cents,
  reason: Schema.optionalWith(Schema.String, { default: () => "manual" })
}) {}

class _Ship extends Schema.TaggedClass<_Ship>()("Ship", { productId: _ProductId, shipment: _Shipment }) {}

const _RestockV1 = Schema.Struct({ sku: _Sku, quantity: Schema.NumberFromString }).annotations({ identifier: "RestockV1" })

class _RestockV2 extends Schema.Class<_RestockV2>("RestockV2")({
  sku: _Sku,
  quantity: Schema.Int,
  priority: Schema.Enums(_Priority)
}) {}

const _RestockV3 = Schema.TaggedStruct("RestockV3", {
  sku: _Sku,
  lines: Schema.NonEmptyArray(Schema.Tuple(_Sku, Schema.Int)),
  deadline: Schema.optionalWith(Schema.DateFromString, { nullable: true })
})

export default Contract.make("catalog", {
  events: {
    /** A product's price changed. */
    ProductRepriced: Contract.event({
      payload: Schema.Struct({ productId: _ProductId, from: _Cents, to: _Cents, at: Schema.DateFromString }),
      key: (e) => `${e.productId}/${e.at.toISOString()}`
    }),
    /** A shipment moved: a tagged union of `Schema.TaggedClass` payloads. */
    ShipmentUpdated: Contract.event({ payload: _Shipment, key: (e) => e._tag }),
    /** The category tree was replaced: a recursive payload. */
    CategoriesReplaced: Contract.event({ payload: _Category, key: (e) => e.name })
  },
  rpcs: {
    /** Read one product (a `Schema.Class`). */
    GetProduct: Contract.rpc({ payload: { productId: _ProductId }, success: _Product, error: _ProductNotFound }),
    /** Search with defaults, nullable and literal fields. */
    SearchProducts: Contract.rpc({
      payload: Schema.Struct({
        query: Schema.NullOr(Schema.String),
        sort: Schema.optionalWith(_Sort, { default: () => "newest" as const }),
        limit: Schema.optionalWith(Schema.NumberFromString, { default: () => 20 }),
        priority: Schema.optional(Schema.Enums(_Priority))
      }),
      success: Schema.Struct({ items: Schema.Array(_Product), total: Schema.NumberFromString })
    }),
    /** The whole category tree (recursive). */
    GetCategories: Contract.rpc({ success: _Category }),
    /** Pay with a tagged union payload; fails with one of two tagged errors. */
    Pay: Contract.rpc({
      payload: _PaymentMethod,
      success: Schema.Struct({ receipt: _VoucherCode }),
      error: Schema.Union(_ProductNotFound, _InvalidPrice)
    }),
    /** Stream shipments of a product as they move. */
    WatchShipments: Contract.rpc({ payload: { productId: _ProductId }, success: _Shipment, error: _ProductNotFound, stream: true })
  },
  entities: {
    /** One product, addressed by product id. */
    Product: Contract.entity({
      rpcs: {
        /** Change the price: a `Schema.Class` payload with a defaulted field. */
        Reprice: Contract.rpc({
          payload: _Reprice,
          success: _Product,
          error: Schema.Union(_ProductNotFound, _InvalidPrice),
          persisted: true,
          primaryKey: (p) => `${p.productId}/${p.price}`
        }),
        /** Record a shipment: a `Schema.TaggedClass` payload. */
        Ship: Contract.rpc({
          payload: _Ship,
          success: _Shipment,
          persisted: true,
          primaryKey: (p) => `${p.productId}/${p.shipment._tag}`
        }),
        /** Measure: a tuple payload with an optional element and a rest. */
        Measure: Contract.rpc({ payload: _Dimensions, success: Schema.Record({ key: Schema.String, value: Schema.Number }) }),
        /** Follow the product's shipments from the entity. */
        Follow: Contract.rpc({ success: _Shipment, stream: true })
      },
      mailboxCapacity: "unbounded",
      concurrency: 4
    })
  },
  workflows: {
    /** Restock a SKU; v1 sent the quantity as a string, v2 is a class, v3 a tagged struct. */
    Restock: Contract.workflow({
      versions: [_RestockV1, _RestockV2, _RestockV3],
      idempotencyKey: (p) => p.sku,
      success: Schema.Struct({ restocked: _Cents, at: Schema.DateFromString }),
      error: _InvalidPrice
    })
  }
})
