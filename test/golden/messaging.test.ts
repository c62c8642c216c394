/**
 * Golden scenario `messaging` (subscriptions, jobs, webhooks): what its generated code wires, checked on
 * the emitted text and by importing the committed modules against the real runtime. Byte-for-byte
 * comparison of every scenario is golden.test.ts.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { pathToFileURL } from "node:url"
import { Slots } from "../../generator/compat/Slots.js"
import { Pipeline } from "../../generator/Pipeline.js"
import { Golden } from "./Golden.js"

const scenarios = await Effect.runPromise(Golden.scenarios.pipe(Effect.provide(NodeContext.layer)))
const messaging = scenarios.find((s) => s.name === "messaging")!

/** Every emitted file of the scenario, by its path under the scenario folder. */
const _files = (scenario: Golden.Scenario) =>
  Pipeline.emit(scenario.paths).pipe(
    Effect.map(({ files, ir }) => ({
      ir,
      file: (rel: string) => files.find((f) => f.path === `${scenario.dir}/${rel}`)?.content ?? ""
    })),
    Effect.provide(NodeContext.layer)
  )

const _import = <A>(rel: string) => Effect.promise(() => import(pathToFileURL(`${messaging.dir}/${rel}`).href) as Promise<A>)

describe("golden/messaging", () => {
  it.effect("a subscription is Events.subscription over the publisher's tagged events, handled by its stub", () =>
    Effect.gen(function*() {
      const { file } = yield* _files(messaging)
      const many = file("generated/mailer/subscriptions/OrderMails.ts")
      expect(many).toContain(`import { ShopEvents } from "../../shop/Events.js"`)
      expect(many).toContain("const _Event = Schema.Union(ShopEvents.OrderPlaced, ShopEvents.OrderCancelled)")
      expect(many).toMatch(/Events\.subscription\(\{\n {2}name: "mailer\.OrderMails",\n {2}contract: "shop",\n {2}events: \["OrderPlaced", "OrderCancelled"\],\n {2}schema: _Event,\n {2}handle: OrderMailsHandler\n\}\)/)
      expect(file("generated/mailer/subscriptions/Welcome.ts")).toContain("const _Event = ShopEvents.OrderPlaced\n")
      const stub = file("handlers/mailer/subscriptions/Welcome.ts")
      expect(stub).toContain("export const WelcomeHandler: WelcomeSubscription.Handler = (event, delivery) =>")
      expect(stub).toContain(`Effect.dieMessage("not implemented: mailer.Welcome (edit test/golden/messaging/handlers/mailer/subscriptions/Welcome.ts)")`)
      const layer = yield* _import<{ readonly WelcomeSubscription: unknown }>("generated/mailer/subscriptions/Welcome.ts")
      expect(Layer.isLayer(layer.WelcomeSubscription)).toBe(true)
    }))

  it.effect("the publisher's Events module keys events by contract, tag and key, and publishes through the outbox", () =>
    Effect.gen(function*() {
      const { ShopEvents } = yield* _import<{
        readonly ShopEvents: { readonly key: (e: unknown) => string; readonly publish: unknown }
      }>("generated/shop/Events.ts")
      expect(ShopEvents.key({ _tag: "OrderCancelled", payload: { orderId: "o1", reason: "late" } })).toBe("shop.OrderCancelled/o1")
      expect(typeof ShopEvents.publish).toBe("function")
      const { file } = yield* _files(messaging)
      expect(file("generated/shop/Events.ts")).toContain(`publish: Events.publisher({ contract: "shop", schema: _Any, key: _key })`)
    }))

  it.effect("a job carries the contract's name and options to Jobs.make; the contract layer runs its stub", () =>
    Effect.gen(function*() {
      const { RebuildIndexJob } = yield* _import<{ readonly RebuildIndexJob: { readonly name: string; readonly entity: { readonly type: string } } }>(
        "generated/shop/jobs/RebuildIndex.ts"
      )
      expect(RebuildIndexJob.name).toBe("shop.RebuildIndex")
      expect(RebuildIndexJob.entity.type).toBe("Job/shop.RebuildIndex")
      const { file } = yield* _files(messaging)
      expect(file("generated/shop/jobs/RebuildIndex.ts")).toContain(
        `  concurrency: 2,\n  mailboxCapacity: "unbounded",\n  keepAlive: true,\n  retry: { times: 5 },\n  partitions: 4,\n  maxIdleTime: "10 minutes"\n})`
      )
      expect(file("generated/mailer/jobs/SendDigest.ts")).toContain(`  success: _c.success,\n  error: _c.error\n})`)
      expect(file("generated/mailer/Layer.ts")).toMatch(
        /Layer\.mergeAll\(\n {2}WelcomeSubscription,\n {2}OrderMailsSubscription,\n {2}SendDigestJob\.toLayer\(SendDigestJobHandler\)\n\)/
      )
      expect(file("handlers/mailer/jobs/SendDigest.ts")).toContain("export const SendDigestJobHandler: SendDigestJob.Handler = (payload, job) =>")
    }))

  it.effect("a webhook's declared delivery policy reaches the runtime, resolved", () =>
    Effect.gen(function*() {
      type _Policy = { readonly delays: ReadonlyArray<number>; readonly jitter: number; readonly attemptTimeoutMs: number; readonly deadlineMs: number }
      const shipped = yield* _import<{ readonly OrderShippedWebhook: { readonly name: string; readonly policy: _Policy } }>("generated/shop/webhooks/OrderShipped.ts")
      expect(shipped.OrderShippedWebhook.name).toBe("shop.OrderShipped")
      expect(shipped.OrderShippedWebhook.policy).toEqual({ delays: [5_000, 300_000, 3_600_000], jitter: 0.1, attemptTimeoutMs: 10_000, deadlineMs: 86_400_000 })
      const price = yield* _import<{ readonly PriceChangedWebhook: { readonly policy: _Policy } }>("generated/shop/webhooks/PriceChanged.ts")
      expect(price.PriceChangedWebhook.policy.delays).toEqual([1_000, 3_000, 9_000, 27_000, 81_000, 243_000])
      const low = yield* _import<{ readonly StockLowWebhook: { readonly policy: _Policy } }>("generated/shop/webhooks/StockLow.ts")
      expect(low.StockLowWebhook.policy.attemptTimeoutMs).toBe(15_000)
    }))

  it.effect("AppLayer provides Events.layer when a contract has events or subscriptions, Webhooks.layer when one has webhooks", () =>
    Effect.gen(function*() {
      const app = (yield* _files(messaging)).file("generated/Layer.ts")
      expect(app).toMatch(/\)\.pipe\(\n {2}Layer\.provideMerge\(Events\.layer\),\n {2}Layer\.provideMerge\(Webhooks\.layer\)\n\)$/m)
      const kinds = (yield* _files(scenarios.find((s) => s.name === "kinds")!)).file("generated/Layer.ts")
      expect(kinds).toContain("Layer.provideMerge(Events.layer)")
      expect(kinds).not.toContain("Webhooks")
    }))

  it.effect("jobs and webhooks are schema slots for `codegen compat`; subscriptions have none of their own", () =>
    Effect.gen(function*() {
      const { ir } = yield* _files(messaging)
      const roles = Object.fromEntries(Slots.fromIr(ir).map((s) => [s.path, s.role]))
      expect(roles).toMatchObject({
        "shop.jobs.RebuildIndex.payload": "job-payload",
        "shop.jobs.RebuildIndex.success": "job-success",
        "shop.jobs.RebuildIndex.error": "job-error",
        "shop.webhooks.OrderShipped": "webhook",
        "mailer.jobs.SendDigest.payload": "job-payload"
      })
      expect(Object.keys(roles).filter((p) => p.startsWith("mailer.") && !p.startsWith("mailer.jobs."))).toEqual([])
      expect(Slots.dirs["job-payload"]).toBe(3)
      expect(Slots.dirs["webhook"]).toBe(2)
    }))
})
