/**
 * The payload schema of an entity message with a primary key: the declared payload, whatever its shape
 * (fields, Struct, Class, `Schema.extend`, a filtered struct, a union, …), whose values carry the key
 * @effect/cluster deduplicates by. Decoding keeps the declared type (a Class payload stays its class).
 */
import * as ParseResult from "effect/ParseResult"
import * as PrimaryKey from "effect/PrimaryKey"
import * as Schema from "effect/Schema"
import { Messaging } from "./Messaging.js"

type _Any = Schema.Schema.AnyNoContext
type _Maker = { readonly make: (input: never) => unknown }

/**
 * The payload carrying its key, hidden from enumeration: a copy of a plain object or array (never the caller's
 * own), a decoded instance itself (a Class payload stays its class), an empty object for a void payload.
 */
const _attach = <A>(value: A, key: (payload: A) => string): A => {
  const own = value === undefined
    ? {}
    : Array.isArray(value)
    ? [...value]
    : typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype
    ? { ...value }
    : value
  return Object.defineProperty(own as object, PrimaryKey.symbol, {
    value(this: A) {
      return key(this)
    },
    enumerable: false,
    configurable: true
  }) as A
}

/**
 * `payload` as the payload schema of a message keyed by `primaryKey`. `make` builds a payload from what the
 * caller passes (the declared schema's own `make` when it has one, so defaults apply) and keys it.
 */
const make = <P extends Messaging.Payload>(
  payload: P,
  primaryKey: (payload: Schema.Schema.Type<Messaging.AsSchema<P>>) => string
): Keyed<Messaging.AsSchema<P>> => {
  type A = Schema.Schema.Type<Messaging.AsSchema<P>>
  const schema = Messaging.asSchema(payload) as _Any
  const key = (a: A) => _attach(a, primaryKey)
  const declared = Schema.declare([schema], {
    decode: (s) => (input, options) => ParseResult.map(ParseResult.decodeUnknown(s)(input, options), key),
    encode: (s) => (input, options) => ParseResult.encodeUnknown(s)(input, options)
  })
  const maker = "make" in schema && typeof schema.make === "function" ? (schema as unknown as _Maker) : undefined
  return Object.assign(declared, {
    make: (input: unknown) => key((maker === undefined ? input : maker.make(input as never)) as A),
    ...("fields" in schema ? { fields: schema.fields } : {})
  }) as unknown as Keyed<Messaging.AsSchema<P>>
}

/** A payload schema whose values carry their primary key: `Keyed.make(payload, primaryKey)`. */
export type Keyed<S extends _Any> =
  & Schema.Schema<Schema.Schema.Type<S>, Schema.Schema.Encoded<S>>
  & { readonly make: (input: Keyed.Input<S>) => Schema.Schema.Type<S> }
  & (S extends { readonly fields: infer F extends Schema.Struct.Fields } ? { readonly fields: F } : unknown)

export const Keyed = { make } as const

export declare namespace Keyed {
  /** What a keyed payload is made from: the fields' constructor input for a Struct or Class, else the value. */
  type Input<S extends _Any> = S extends { readonly fields: infer F extends Schema.Struct.Fields }
    ? Schema.Simplify<Schema.Struct.Constructor<F>>
    : Schema.Schema.Type<S>
}
