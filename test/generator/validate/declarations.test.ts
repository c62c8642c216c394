/**
 * A bad declaration fails `codegen` with `ContractErrors` at the line of that declaration, with a fix
 * hint, and nothing is written. File-level and cross-contract cases: errors.test.ts.
 */
import { describe, it } from "@effect/vitest"
import { rejects } from "../../support/Rejects.js"
import { Scratch } from "../../support/Scratch.js"

const { contract } = Scratch

describe("declarations", () => {
  it.effect("a payload or success that is not a Schema is reported at its declaration", () => {
    const source = contract("schemas", [
      `  events: { Happened: Contract.event({ payload: 42 as never, key: () => "k" }) },`,
      `  rpcs: {`,
      `    Ping: Contract.rpc({ payload: 42 as never }),`,
      `    Pong: Contract.rpc({ payload: { id: Schema.String }, success: "ok" as never }),`,
      `    Pang: Contract.rpc({ payload: { id: 42 } as never })`,
      `  }`
    ])
    return rejects({ "schemas.contract.ts": source }, [
      { file: "schemas.contract.ts", at: "Happened:", message: /Happened\.payload is not an Effect Schema/, hint: /Schema\.Struct/ },
      { file: "schemas.contract.ts", at: "Ping:", message: /Ping\.payload is not an Effect Schema/, hint: /Schema\.Struct/ },
      { file: "schemas.contract.ts", at: "Pong:", message: /Pong\.success is not an Effect Schema/, hint: /Schema/ },
      { file: "schemas.contract.ts", at: "Pang:", message: /Pang\.payload is not an Effect Schema/, hint: /fields object/ }
    ])
  })

  it.effect("a declaration not made with the DSL is reported at its line", () =>
    rejects({
      "plain.contract.ts": contract("plain", [
        `  rpcs: { Ping: { payload: Schema.String } as never },`,
        `  workflows: {`,
        `    Checkout: Contract.rpc({ payload: Schema.String }) as never`,
        `  }`
      ])
    }, [
      { file: "plain.contract.ts", at: "Ping:", message: /rpcs\.Ping is not made with Contract\.rpc/, hint: /Ping: Contract\.rpc/ },
      { file: "plain.contract.ts", at: "Checkout:", message: /workflows\.Checkout is not made with Contract\.workflow/, hint: /Contract\.workflow/ }
    ]))

  it.effect("an entity message not made with Contract.rpc is reported at its line", () =>
    rejects({
      "msg.contract.ts": contract("msg", [
        `  entities: {`,
        `    Order: Contract.entity({`,
        `      rpcs: { Place: { payload: Schema.String } as never }`,
        `    })`,
        `  }`
      ])
    }, [{ file: "msg.contract.ts", at: "Place:", message: /Order\.Place is not made with Contract\.rpc/, hint: /Contract\.rpc/ }], {
      exact: false
    }))

  it.effect("an entity message not made with Contract.rpc is reported once", () =>
    rejects({
      "msg1.contract.ts": contract("msg", [
        `  entities: { Order: Contract.entity({ rpcs: { Place: { payload: Schema.String } as never } }) }`
      ])
    }, [{ file: "msg1.contract.ts", at: "Place:", message: /Order\.Place is not made with Contract\.rpc/, hint: /Contract\.rpc/ }]))

  it.effect("duplicate names within a section are reported at the second one", () => {
    const source = contract("dups", [
      `  rpcs: {`,
      `    Ping: Contract.rpc({ payload: Schema.String }),`,
      `    Ping: Contract.rpc({ payload: Schema.Number })`,
      `  },`,
      `  entities: {`,
      `    Order: Contract.entity({`,
      `      rpcs: {`,
      `        Place: Contract.rpc({ payload: { id: Schema.String } }),`,
      `        "Place": Contract.rpc({ payload: { id: Schema.String } })`,
      `      }`,
      `    })`,
      `  }`
    ])
    const first = Scratch.lineOf(source, "Ping:")
    const place = Scratch.lineOf(source, "Place:")
    return rejects({ "dups.contract.ts": source }, [
      { file: "dups.contract.ts", at: "Ping:", nth: 2, message: new RegExp(`duplicate name "Ping" \\(first declared on line ${first}\\)`), hint: /rename/ },
      { file: "dups.contract.ts", at: `"Place":`, message: new RegExp(`duplicate name "Place" \\(first declared on line ${place}\\)`), hint: /rename/ }
    ])
  })

  it.effect("an invalid identifier is reported at its declaration", () =>
    rejects({
      "ident.contract.ts": contract("ident", [
        `  rpcs: {`,
        `    Ping: Contract.rpc({ payload: Schema.String }),`,
        `    "place-order": Contract.rpc({ payload: { id: Schema.String } })`,
        `  }`
      ])
    }, [{ file: "ident.contract.ts", at: "place-order", message: /"place-order" is not a valid name/, hint: /identifier/ }]))

  it.effect("a persisted public RPC is reported", () =>
    rejects({
      "pub.contract.ts": contract("pub", [
        `  rpcs: {`,
        `    Place: Contract.rpc({ payload: { id: Schema.String }, persisted: true, primaryKey: (p) => p.id })`,
        `  }`
      ])
    }, [{ file: "pub.contract.ts", at: "Place:", message: /public RPC Place is marked persisted/, hint: /entity/ }]))

  it.effect("a persisted entity RPC without a primary key is reported at the RPC, not the entity", () =>
    rejects({
      "pk.contract.ts": contract("pk", [
        `  entities: {`,
        `    Order: Contract.entity({`,
        `      rpcs: {`,
        `        Get: Contract.rpc({ payload: { id: Schema.String } }),`,
        `        Place: Contract.rpc({ payload: { id: Schema.String }, persisted: true })`,
        `      }`,
        `    })`,
        `  }`
      ])
    }, [{ file: "pk.contract.ts", at: "Place:", message: /persisted RPC Place has no primary key/, hint: /primaryKey/ }]))

  it.effect("an entity given by shorthand reports its RPC's line", () =>
    rejects({
      "short.contract.ts": [
        `import { Contract } from "effect-contracts"`,
        `import * as Schema from "effect/Schema"`,
        ``,
        `const Order = Contract.entity({`,
        `  rpcs: { Place: Contract.rpc({ payload: { id: Schema.String }, persisted: true }) }`,
        `})`,
        ``,
        `export default Contract.make("short", {`,
        `  entities: { Order }`,
        `})`
      ].join("\n")
    }, [{ file: "short.contract.ts", at: "Place:", message: /persisted RPC Place has no primary key/, hint: /primaryKey/ }]))

  it.effect("a workflow without an idempotency key is reported", () =>
    rejects({
      "idem.contract.ts": contract("idem", [
        `  workflows: {`,
        `    Checkout: Contract.workflow({ versions: [Schema.Struct({ id: Schema.String })] } as never)`,
        `  }`
      ])
    }, [{ file: "idem.contract.ts", at: "Checkout:", message: /workflow Checkout has no idempotency key/, hint: /idempotencyKey/ }]))

  it.effect("a workflow with no versions is reported", () =>
    rejects({
      "vers.contract.ts": contract("vers", [
        `  workflows: {`,
        `    Checkout: Contract.workflow({ versions: [] as never, idempotencyKey: () => "k" })`,
        `  }`
      ])
    }, [{ file: "vers.contract.ts", at: "Checkout:", message: /workflow Checkout has no payload versions/, hint: /versions: \[/ }]))

  it.effect("an invalid cron expression is reported", () =>
    rejects({
      "cron.contract.ts": contract("cron", [
        `  schedules: {`,
        `    Hourly: Contract.schedule({ cron: "0 * * * *" }),`,
        `    Tick: Contract.schedule({ cron: "*/5 * * *" })`,
        `  }`
      ])
    }, [{ file: "cron.contract.ts", at: "Tick:", message: /schedule Tick: invalid cron "\*\/5 \* \* \*"/, hint: /minute hour day-of-month/ }]))

  it.effect("a schedule with neither cron nor singleton is reported", () =>
    rejects({
      "sched.contract.ts": contract("sched", [`  schedules: {`, `    Tick: Contract.schedule({ singleton: false } as never)`, `  }`])
    }, [{ file: "sched.contract.ts", at: "Tick:", message: /schedule Tick has neither cron nor singleton/, hint: /singleton: true/ }]))

  it.effect("an entity with no RPCs is reported", () =>
    rejects({
      "empty.contract.ts": contract("empty", [`  entities: {`, `    Order: Contract.entity({ rpcs: {} })`, `  }`])
    }, [{ file: "empty.contract.ts", at: "Order:", message: /entity Order has no RPCs/, hint: /rpcs: \{/ }]))
})
