/**
 * Bad subscriptions, jobs and webhooks fail `codegen` with `ContractErrors` at the line of the declaration,
 * with a fix hint, and nothing is written. Other declarations: errors-declarations.test.ts.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { rejects } from "../../support/Rejects.js"
import { Scratch } from "../../support/Scratch.js"

const { contract } = Scratch

/** A publisher with two events, and a subscriber importing it (the body goes inside `Contract.make`). */
const shop = contract("shop", [
  `  events: {`,
  `    Placed: Contract.event({ payload: Schema.Struct({ id: Schema.String }), key: (e) => e.id }),`,
  `    Cancelled: Contract.event({ payload: Schema.Struct({ id: Schema.String }), key: (e) => e.id })`,
  `  }`
])

const subscriber = (name: string, body: ReadonlyArray<string>, from = "./shop.contract.js") =>
  contract(name, body).replace(`import * as Schema`, `import Shop from "${from}"\nimport * as Schema`)

describe("subscriptions", () => {
  it.effect("an event the publisher does not declare is reported at the subscription, naming its events", () => {
    const mailer = subscriber("mailer", [
      `  subscriptions: {`,
      `    Welcome: Contract.subscription({ to: Shop, events: ["Placed"] }),`,
      `    Refund: Contract.subscription({ to: Shop, events: ["Refunded"] as never })`,
      `  }`
    ])
    return rejects({ "shop.contract.ts": shop, "mailer.contract.ts": mailer }, [
      { file: "mailer.contract.ts", at: "Refund:", message: /subscription Refund: contract "shop" has no event "Refunded"/, hint: /its events are Placed, Cancelled/ }
    ])
  })

  it.effect("a subscription listing no events, or one event twice, is reported", () =>
    rejects({
      "shop.contract.ts": shop,
      "mailer.contract.ts": subscriber("mailer", [
        `  subscriptions: {`,
        `    Nothing: Contract.subscription({ to: Shop, events: [] as never }),`,
        `    Twice: Contract.subscription({ to: Shop, events: ["Placed", "Cancelled", "Placed"] })`,
        `  }`
      ])
    }, [
      { file: "mailer.contract.ts", at: "Nothing:", message: /subscription Nothing lists no events/, hint: /events: \["OrderPlaced"\]/ },
      { file: "mailer.contract.ts", at: "Twice:", message: /subscription Twice lists event "Placed" twice/, hint: /once/ }
    ]))

  it.effect("a subscription whose `to` is not a contract is reported", () =>
    rejects({
      "mailer.contract.ts": contract("mailer", [
        `  subscriptions: {`,
        `    Welcome: Contract.subscription({ to: "shop", events: ["Placed"] } as never)`,
        `  }`
      ])
    }, [{ file: "mailer.contract.ts", at: "Welcome:", message: /subscription Welcome: `to` is not a contract/, hint: /default export.*to: Orders/ }]))

  it.effect("a subscription to a contract outside the contracts folder is reported", () =>
    rejects({
      "mailer.contract.ts": subscriber("mailer", [
        `  subscriptions: {`,
        `    Welcome: Contract.subscription({ to: Shop, events: ["Placed"] })`,
        `  }`
      ], "../vendor/shop.js")
    }, [{ file: "mailer.contract.ts", at: "Welcome:", message: /subscribes to contract "shop", which is not one of the contracts codegen reads/, hint: /contracts folder/ }], {
      others: { "vendor/shop.ts": shop }
    }))

  it.effect("a subscription to a contract with errors of its own reports only those", () =>
    rejects({
      "shop.contract.ts": shop.replace(`events: {`, `rpcs: { "get-order": Contract.rpc({}) },\n  events: {`),
      "mailer.contract.ts": subscriber("mailer", [`  subscriptions: { Welcome: Contract.subscription({ to: Shop, events: ["Placed"] }) }`])
    }, [{ file: "shop.contract.ts", at: "get-order", message: /"get-order" is not a valid name/, hint: /identifier/ }]))

  it.effect("two contracts subscribing to each other (circular imports) are reported", () => {
    const pair = (name: string, other: string, event: string, theirs: string) =>
      contract(name, [
        `  events: { ${event}: Contract.event({ payload: Schema.Struct({ id: Schema.String }), key: (e) => e.id }) },`,
        `  subscriptions: { On${theirs}: Contract.subscription({ to: Other, events: ["${theirs}"] }) }`
      ]).replace(`import * as Schema`, `import Other from "./${other}.contract.js"\nimport * as Schema`)
    // Which of the two loads first (and sees the other undefined) is the loader's business: either is reported.
    return rejects({ "a.contract.ts": pair("alpha", "b", "Ping", "Pong"), "b.contract.ts": pair("beta", "a", "Pong", "Ping") }, [], {
      exact: false
    }).pipe(Effect.map(({ errors }) => {
      expect(errors).toHaveLength(1)
      expect(errors[0]?.message).toMatch(/^subscription On(Ping|Pong): `to` is not a contract \(it is undefined\)$/)
      expect(errors[0]?.hint).toMatch(/circular/)
    }))
  })

  it.effect("a subscription not made with Contract.subscription is reported", () =>
    rejects({
      "shop.contract.ts": shop,
      "mailer.contract.ts": subscriber("mailer", [`  subscriptions: { Welcome: { to: Shop, events: ["Placed"] } as never }`])
    }, [{ file: "mailer.contract.ts", at: "Welcome:", message: /subscriptions\.Welcome is not made with Contract\.subscription/, hint: /Welcome: Contract\.subscription/ }]))
})

describe("events", () => {
  it.effect("an event named like a member of the generated events module is reported", () =>
    rejects({
      "pub.contract.ts": contract("pub", [
        `  events: {`,
        `    publish: Contract.event({ payload: Schema.Struct({ id: Schema.String }), key: (e) => e.id })`,
        `  }`
      ])
    }, [{ file: "pub.contract.ts", at: "publish:", message: /event name "publish" is taken by the generated events module/, hint: /rename/ }]))
})

describe("jobs", () => {
  it.effect("bad job options are reported at the job", () =>
    rejects({
      "jobs.contract.ts": contract("jobs", [
        `  jobs: {`,
        `    Digest: Contract.job({ payload: { day: Schema.String }, concurrency: 0, partitions: 0 }),`,
        `    Reindex: Contract.job({ payload: { id: Schema.String }, mailboxCapacity: 2.5, retry: { times: -1 } }),`,
        `    Export: Contract.job({ payload: 42 as never, keepAlive: "yes" as never }),`,
        `    Plain: { payload: Schema.String } as never`,
        `  }`
      ])
    }, [
      { file: "jobs.contract.ts", at: "Digest:", message: /job Digest: concurrency must be a whole number above 0 or "unbounded" \(got 0\)/, hint: /unbounded/ },
      { file: "jobs.contract.ts", at: "Digest:", message: /job Digest: partitions must be a whole number of 1 or more \(got 0\)/, hint: /default/ },
      { file: "jobs.contract.ts", at: "Reindex:", message: /job Reindex: mailboxCapacity must be a whole number above 0 .*\(got 2\.5\)/, hint: /default/ },
      { file: "jobs.contract.ts", at: "Reindex:", message: /job Reindex: retry\.times must be a whole number of 0 or more \(got -1\)/, hint: /dead-letters/ },
      { file: "jobs.contract.ts", at: "Export:", message: /job Export: keepAlive must be true or false \(got "yes"\)/, hint: /keepAlive: true/ },
      { file: "jobs.contract.ts", at: "Export:", message: /Export\.payload is not an Effect Schema/, hint: /Schema\.Struct/ },
      { file: "jobs.contract.ts", at: "Plain:", message: /jobs\.Plain is not made with Contract\.job/, hint: /Contract\.job/ }
    ]))
})

describe("webhooks", () => {
  it.effect("bad webhook options are reported at the webhook", () =>
    rejects({
      "hooks.contract.ts": contract("hooks", [
        `  webhooks: {`,
        `    Shipped: Contract.webhook({ payload: { id: Schema.String }, attemptTimeout: "soon" as never }),`,
        `    Paid: Contract.webhook({ payload: { id: Schema.String }, attemptTimeout: "30 seconds", deadline: "10 seconds" }),`,
        `    Voided: Contract.webhook({ payload: { id: Schema.String }, retry: { delays: ["5 seconds", "0 seconds"] } }),`,
        `    Plain: { payload: Schema.String } as never`,
        `  }`
      ])
    }, [
      { file: "hooks.contract.ts", at: "Shipped:", message: /webhook Shipped: attemptTimeout must be a duration above 0 \(got "soon"\)/, hint: /15 seconds/ },
      { file: "hooks.contract.ts", at: "Paid:", message: /webhook Paid: its deadline \("10 seconds"\) is shorter than one attempt \("30 seconds"\)/, hint: /deadline/ },
      { file: "hooks.contract.ts", at: "Voided:", message: /webhook Voided: retry\.delays\[1\] must be a duration above 0 \(got "0 seconds"\)/, hint: /seconds/ },
      { file: "hooks.contract.ts", at: "Plain:", message: /webhooks\.Plain is not made with Contract\.webhook/, hint: /Contract\.webhook/ }
    ]))

  it.effect("a bad retry policy is reported at the webhook", () =>
    rejects({
      "retry.contract.ts": contract("retry", [
        `  webhooks: {`,
        `    Refunded: Contract.webhook({ payload: { id: Schema.String }, retry: { times: 3, jitter: 2 } as never }),`,
        `    Disputed: Contract.webhook({ payload: { id: Schema.String }, retry: { every: "5 seconds" } as never }),`,
        `    Settled: Contract.webhook({ payload: { id: Schema.String }, retry: { times: -1, base: "1 second", factor: 0.5 } })`,
        `  }`
      ])
    }, [
      { file: "retry.contract.ts", at: "Refunded:", message: /webhook Refunded: retry has `times` but no `base` delay/, hint: /base: "1 second"/ },
      { file: "retry.contract.ts", at: "Refunded:", message: /webhook Refunded: retry\.jitter must be a number from 0 to 1 \(got 2\)/, hint: /0\.2/ },
      { file: "retry.contract.ts", at: "Disputed:", message: /webhook Disputed: retry is neither a list of delays nor a backoff/, hint: /delays: \[/ },
      { file: "retry.contract.ts", at: "Settled:", message: /webhook Settled: retry\.times must be a whole number of 0 or more \(got -1\)/, hint: /default/ },
      { file: "retry.contract.ts", at: "Settled:", message: /webhook Settled: retry\.factor must be a number of 1 or more \(got 0\.5\)/, hint: /doubles/ }
    ]))
})
