/**
 * JOBS-02 against a real local HTTP receiver, on real PostgreSQL and the PostgreSQL cluster (socket runner,
 * ClusterWorkflowEngine, SQL PersistedQueue): retries with backoff until delivered, a hung receiver timed
 * out and dead-lettered at the deadline without blocking others, replay over the HTTP API, 410 disabling
 * the endpoint, invalid payloads refused at `send`, and signatures every request carries.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../../runtime/cluster/ClusterConfig.js"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"
import { WebhookPolicy } from "../../../runtime/webhooks/Policy.js"
import { Pods } from "../cluster/Pods.js"
import * as Receiver from "./Receiver.js"

class Api extends HttpApi.make("app").add(Webhooks.group) {}

const _server = HttpApiBuilder.serve().pipe(
  Layer.provide(HttpApiBuilder.api(Api).pipe(Layer.provide(Webhooks.handlers(Api)))),
  Layer.provideMerge(NodeHttpServer.layerTest)
)

const _env = Layer.unwrapEffect(Effect.map(Pods.freePort, (runnerPort) =>
  _server.pipe(
    Layer.provideMerge(Webhooks.layerWith({ concurrency: 4, pollInterval: "50 millis" })),
    Layer.provideMerge(Cluster.layer({ ...ClusterConfig.defaults, storage: "postgres", runnerPort, listenHost: Option.none() }))
  ))).pipe(Layer.provideMerge(Postgres.layerClient))

const OrderShipped = Schema.Struct({ orderId: Schema.String.pipe(Schema.minLength(1)), carrier: Schema.String })

/** Wait until every endpoint of `messageId` has a final status (checked every 100 ms, for at most 30 s). */
const _settled = (messageId: string, endpoints: number) =>
  Webhooks.deliveries(messageId).pipe(
    Effect.filterOrFail((ds) => ds.length === endpoints && ds.every((d) => d.status !== "delivering"), () => "unsettled"),
    Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 300 }),
    Effect.orDie
  )

const _status = (ds: ReadonlyArray<Webhooks.Delivery>, endpointId: string) => ds.find((d) => d.endpointId === endpointId)

layer(_env, { timeout: "120 seconds", excludeTestServices: true })("webhooks", (it) => {
  it.scoped("a receiver failing K times gets the message once, after K + 1 signed attempts spaced by the backoff", () =>
    Effect.gen(function*() {
      const receiver = yield* Receiver.make
      const K = 3
      const hook = Webhooks.make({
        name: "orders.OrderShipped",
        payload: OrderShipped,
        retry: { delays: ["300 millis", "600 millis", "900 millis", "900 millis", "900 millis"], jitter: 0.2 },
        attemptTimeout: "5 seconds"
      })
      const endpoint = yield* Webhooks.register({ webhook: hook.name, url: receiver.url("/flaky") })
      assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/]+=*$/)
      receiver.behave("/flaky", { _tag: "FailTimes", times: K, status: 503 }, endpoint.secret)
      const sentAt = Date.now()
      const id = yield* hook.send({ orderId: "ord_1", carrier: "ups" })
      assert.strictEqual(yield* hook.send({ orderId: "ord_1", carrier: "ups" }, { id }), id)
      const [delivery] = yield* _settled(id, 1)
      const requests = receiver.requests("/flaky")
      assert.deepStrictEqual(requests.map((r) => r.answered), [503, 503, 503, 200])
      assert.deepStrictEqual([delivery?.status, delivery?.attempts], ["delivered", K + 1])
      assert.isTrue(requests.every((r) => r.verified && r.id === id), "every attempt signed, with the message id")
      assert.deepStrictEqual(JSON.parse(requests[3]?.body ?? "null"), { orderId: "ord_1", carrier: "ups" })
      const gaps = requests.slice(1).map((r, i) => r.at - (requests[i]?.at ?? 0))
      const waits = gaps.map((_, i) => WebhookPolicy.wait(hook.policy, { messageId: id, endpointId: endpoint.id }, i + 2))
      gaps.forEach((gap, i) => assert.isAtLeast(gap, waits[i] ?? 0, `attempt ${i + 2} waited its jittered backoff`))
      assert.strictEqual(yield* hook.send({ orderId: "ord_1", carrier: "ups" }, { id }), id)
      assert.deepStrictEqual(yield* Webhooks.deliveries(id), [delivery], "sending a delivered message again changes nothing")
      assert.strictEqual(receiver.requests("/flaky").length, K + 1)
      yield* Effect.log(`K=${K}: first request ${(requests[0]?.at ?? 0) - sentAt} ms after send; ${requests.length} attempts, gaps ${gaps.join("/")} ms for waits ${waits.join("/")} ms`)
    }))

  it.scoped("a payload that does not decode fails send with a ParseError and starts nothing", () =>
    Effect.gen(function*() {
      const receiver = yield* Receiver.make
      const hook = Webhooks.make({ name: "orders.Refused", payload: OrderShipped })
      yield* Webhooks.register({ webhook: hook.name, url: receiver.url("/refused") })
      const error = yield* Effect.flip(hook.send({ orderId: "", carrier: "ups" }, { id: "msg_bad" }))
      assert.strictEqual(error._tag, "ParseError")
      assert.deepStrictEqual(yield* Webhooks.deliveries("msg_bad"), [])
      assert.strictEqual(receiver.requests("/refused").length, 0)
    }))

  it.scoped("a hung receiver: attempts time out, are retried, then dead-lettered at the deadline; others are not blocked; replay delivers", () =>
    Effect.gen(function*() {
      const receiver = yield* Receiver.make
      const client = yield* HttpApiClient.make(Api)
      const hook = Webhooks.make({
        name: "orders.Hung",
        payload: OrderShipped,
        retry: { times: 20, base: "100 millis", factor: 1.5, max: "400 millis" },
        attemptTimeout: "500 millis",
        deadline: "5 seconds"
      })
      const hung = yield* client.webhooks.register({ payload: { webhook: hook.name, url: receiver.url("/hung") } })
      const fine = yield* client.webhooks.register({ payload: { webhook: hook.name, url: receiver.url("/fine") } })
      receiver.behave("/hung", { _tag: "Hang" }, hung.secret)
      receiver.behave("/fine", { _tag: "Ok" }, fine.secret)
      const id = yield* hook.send({ orderId: "ord_2", carrier: "dhl" })
      const settled = yield* _settled(id, 2)
      const dead = _status(settled, hung.id)
      assert.strictEqual(_status(settled, fine.id)?.status, "delivered")
      assert.strictEqual(receiver.requests("/fine").length, 1)
      assert.strictEqual(dead?.status, "dead")
      const attempts = receiver.requests("/hung")
      assert.isAtLeast(attempts.length, 2, "timed-out attempts are retried")
      assert.isAtMost(attempts.length, dead?.attempts ?? 0, "no request after the dead letter")
      assert.isTrue(attempts.every((r) => r.verified && r.answered === "hung"))
      const letters = (yield* client.webhooks.deadLetters({ urlParams: { webhook: hook.name } }))
      assert.strictEqual(letters.length, 1)
      const letter = letters[0]!
      assert.deepStrictEqual([letter.messageId, letter.endpointId, letter.status, letter.generation], [id, hung.id, "dead", 0])
      assert.match(letter.lastError, /deadline/)
      assert.isAtLeast(letter.deadAt, (_status(settled, fine.id)?.updatedAt ?? Infinity), "the good endpoint was served first")
      yield* Effect.log(`hung: ${attempts.length} attempts before the dead letter: ${letter.lastError}`)

      receiver.behave("/hung", { _tag: "Ok" })
      const replayed = yield* client.webhooks.replay({ path: { id: letter.id } })
      assert.deepStrictEqual([replayed.status, replayed.generation], ["replaying", 1])
      const again = yield* _settled(id, 2)
      assert.deepStrictEqual([_status(again, hung.id)?.status, _status(again, hung.id)?.generation], ["delivered", 1])
      const after = receiver.requests("/hung")
      assert.deepStrictEqual([after.length, after.at(-1)?.answered, after.at(-1)?.id], [attempts.length + 1, 200, id])
      assert.deepStrictEqual(yield* client.webhooks.deadLetters({ urlParams: { webhook: hook.name } }), [])
      const revived = yield* client.webhooks.deadLetters({ urlParams: { webhook: hook.name, status: "delivered" } })
      assert.deepStrictEqual(revived.map((l) => l.id), [letter.id])
      const missing = yield* Effect.flip(client.webhooks.replay({ path: { id: "dl_missing" } }))
      assert.strictEqual(missing._tag, "WebhookNotFound")
    }))

  it.scoped("a receiver answering 410 disables its endpoint: no further attempts, later sends skip it", () =>
    Effect.gen(function*() {
      const receiver = yield* Receiver.make
      const hook = Webhooks.make({ name: "orders.Gone", payload: OrderShipped, retry: { delays: ["100 millis", "100 millis"] } })
      const gone = yield* Webhooks.register({ webhook: hook.name, url: receiver.url("/gone") })
      receiver.behave("/gone", { _tag: "Gone" }, gone.secret)
      const id = yield* hook.send({ orderId: "ord_3", carrier: "fedex" })
      const [delivery] = yield* _settled(id, 1)
      assert.deepStrictEqual([delivery?.status, delivery?.attempts], ["gone", 1])
      const client = yield* HttpApiClient.make(Api)
      const [endpoint] = yield* client.webhooks.endpoints({ urlParams: { webhook: hook.name } })
      const { secret: _, ...info } = gone
      assert.deepStrictEqual(endpoint, { ...info, enabled: false, disabledReason: `HTTP 410 Gone from ${gone.url}` })
      assert.deepStrictEqual(yield* client.webhooks.deliveries({ path: { id } }), yield* Webhooks.deliveries(id))
      assert.strictEqual((yield* Effect.flip(client.webhooks.disable({ path: { id: "ep_missing" } })))._tag, "WebhookNotFound")
      const next = yield* hook.send({ orderId: "ord_4", carrier: "fedex" })
      assert.deepStrictEqual(yield* Webhooks.deliveries(next), [])
      assert.strictEqual(receiver.requests("/gone").length, 1)
      assert.deepStrictEqual(yield* Webhooks.deadLetters({ webhook: hook.name }), [])
    }))

  it.effect("prune deletes what finished before the cutoff: completed queue items, final statuses, delivered letters", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* Webhooks.prune(), { queue: 0, deliveries: 0, deadLetters: 0 })
      const pruned = yield* Webhooks.prune({ olderThan: "0 millis" })
      assert.isAtLeast(pruned.queue, 10)
      assert.isAtLeast(pruned.deliveries, 4)
      assert.strictEqual(pruned.deadLetters, 1, "the replayed, delivered letter; none is undelivered")
      assert.deepStrictEqual(yield* Webhooks.prune({ olderThan: "0 millis" }), { queue: 0, deliveries: 0, deadLetters: 0 })
    }))
})
