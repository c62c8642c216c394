/**
 * Bad entity state fails `codegen` with `ContractErrors` at the line of the `state` (or `initial`) property, with a
 * fix hint, and nothing is written: a state that is not a Schema, a missing or undecodable initial value, an initial
 * value without a state, a state JSON cannot store, and a message named `state` beside a state.
 */
import { describe, it } from "@effect/vitest"
import { rejects } from "../../support/Rejects.js"
import { Scratch } from "../../support/Scratch.js"

const _Get = `Get: Contract.rpc({ success: Schema.Number })`

/** A contract with one entity `Box` whose other properties are `props` (cast: these mistakes do not type-check). */
const _box = (props: ReadonlyArray<string>, rpcs = _Get) =>
  Scratch.contract("shop", [
    `  entities: {`,
    `    Box: Contract.entity({`,
    ...props.map((p) => `      ${p},`),
    `      rpcs: { ${rpcs} }`,
    `    } as never)`,
    `  }`
  ])

describe("entity state", () => {
  it.effect("a state that is not a Schema is reported at `state`", () => {
    const source = _box([`state: { count: Schema.Int }`, `initial: { count: 0 }`])
    return rejects({ "shop.contract.ts": source }, [
      { file: "shop.contract.ts", at: "state:", message: /the state of entity Box is not an Effect Schema/, hint: /state: Schema\.Struct/ }
    ])
  })

  it.effect("a state without an initial value, and an initial value without a state, are reported", () =>
    rejects({
      "shop.contract.ts": Scratch.contract("shop", [
        `  entities: {`,
        `    Box: Contract.entity({ state: Schema.Struct({ count: Schema.Int }), rpcs: { ${_Get} } } as never),`,
        `    Bag: Contract.entity({`,
        `      initial: 0,`,
        `      rpcs: { ${_Get} }`,
        `    } as never)`,
        `  }`
      ])
    }, [
      { file: "shop.contract.ts", at: "Box:", message: /entity Box declares a state but no initial value/, hint: /add `initial`/ },
      { file: "shop.contract.ts", at: "initial:", message: /entity Bag has an initial value but no state/, hint: /declare its schema too/ }
    ]))

  it.effect("an initial value the state schema does not encode is reported at `initial`, with the schema's complaint", () => {
    const source = _box([`state: Schema.Struct({ count: Schema.Int.pipe(Schema.nonNegative()) })`, `initial: { count: -1 }`])
    return rejects({ "shop.contract.ts": source }, [{
      file: "shop.contract.ts",
      at: "initial:",
      message: /the initial value of entity Box does not encode with its state schema: .*count/,
      hint: /stores the encoded state/
    }])
  })

  it.effect("a state whose encoded side JSON cannot carry (a Date, a bigint) is reported at `state`, with the path", () => {
    const source = _box([`state: Schema.NullOr(Schema.Struct({ seen: Schema.Array(Schema.DateFromSelf) }))`, `initial: null`])
    return rejects({ "shop.contract.ts": source }, [{
      file: "shop.contract.ts",
      at: "state:",
      message: /the state of entity Box cannot be stored as JSON: \.seen\[\] encodes to DateFromSelf/,
      hint: /Schema\.DateTimeUtc/
    }])
  })

  it.effect("a message named `state` beside a state is reported: its compat path would be the state's", () => {
    const source = _box([`state: Schema.Number`, `initial: 0`], `state: Contract.rpc({ success: Schema.Number })`)
    return rejects({ "shop.contract.ts": source }, [
      { file: "shop.contract.ts", at: "rpcs:", message: /entity Box has a message named "state" beside its state/, hint: /rename the message/ }
    ])
  })
})
