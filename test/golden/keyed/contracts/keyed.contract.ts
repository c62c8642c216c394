/**
 * Golden scenario `keyed`: persisted entity messages whose primary key reads every payload shape the DSL
 * accepts (fields, Struct, filtered Struct, `Schema.extend`, Class, TaggedClass, union, none), each decoded by
 * the generated entity as the declared schema decodes it; keyed.test.ts runs them on an in-memory cluster.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const _Base = Schema.Struct({ id: Schema.String })

/** A struct with a filter on the struct itself: the filter runs when the message is decoded. */
const _Range = Schema.Struct({ id: Schema.String, from: Schema.Int, to: Schema.Int }).pipe(
  Schema.filter((r) => r.from <= r.to || "from must not be after to")
)

/** Two structs merged with `Schema.extend`, one field with a default. */
const _Tagged = _Base.pipe(Schema.extend(Schema.Struct({ tag: Schema.String, weight: Schema.optionalWith(Schema.Number, { default: () => 1 }) })))

export class Rename extends Schema.Class<Rename>("Rename")({ id: Schema.String, name: Schema.NonEmptyString }) {
  get label(): string {
    return `${this.id}:${this.name}`
  }
}

export class Archive extends Schema.TaggedClass<Archive>()("Archive", { id: Schema.String, reason: Schema.String }) {}

const _Move = Schema.Union(
  Schema.TaggedStruct("ToShelf", { id: Schema.String, shelf: Schema.Int }),
  Schema.TaggedStruct("ToBin", { id: Schema.String })
)

export default Contract.make("keyed", {
  events: {
    /** The same shapes in the other roles: an event, a job, a webhook and a workflow. */
    Labelled: Contract.event({ payload: _Tagged, key: (e) => `${e.id}/${e.tag}` })
  },
  jobs: { Sweep: Contract.job({ payload: _Range }), Relabel: Contract.job({ payload: Rename, success: Schema.String }) },
  webhooks: { Moved: Contract.webhook({ payload: _Move }) },
  workflows: { Restock: Contract.workflow({ versions: [_Range, _Tagged], idempotencyKey: (p) => p.id }) },
  rpcs: {
    /** A public RPC may declare a primary key too: its payload carries it, unused. */
    Lookup: Contract.rpc({ payload: _Range, success: Schema.String, primaryKey: (r) => r.id })
  },
  entities: {
    /** A shelf item; every message is persisted and deduplicated by a key read from its payload. */
    Item: Contract.entity({
      rpcs: {
        Create: Contract.rpc({ payload: { id: Schema.String, title: Schema.String }, success: Schema.String, persisted: true, primaryKey: (p) => p.id }),
        Touch: Contract.rpc({ payload: _Base, success: Schema.String, persisted: true, primaryKey: (p) => `touch/${p.id}` }),
        Reserve: Contract.rpc({ payload: _Range, success: Schema.String, persisted: true, primaryKey: (p) => `${p.id}/${p.from}-${p.to}` }),
        Label: Contract.rpc({ payload: _Tagged, success: Schema.String, persisted: true, primaryKey: (p) => `${p.id}/${p.tag}` }),
        Rename: Contract.rpc({ payload: Rename, success: Schema.String, persisted: true, primaryKey: (p) => `${p.id}/${p.name}` }),
        Archive: Contract.rpc({ payload: Archive, success: Schema.String, persisted: true, primaryKey: (p) => `${p.id}/archive` }),
        Move: Contract.rpc({ payload: _Move, success: Schema.String, persisted: true, primaryKey: (p) => `${p.id}/${p._tag}` }),
        /** No payload: the constant key makes it run once per item. */
        Init: Contract.rpc({ success: Schema.String, persisted: true, primaryKey: () => "init" })
      }
    })
  }
})
