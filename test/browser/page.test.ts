/**
 * The example web page (examples/web, built by Vite) in real Chromium, against two real pods of the example app
 * on embedded PostgreSQL: calls, a stream and typed errors through the generated client's promise facade; live
 * order updates published on the other pod; a `kill -9` of the page's pod and its restart with no reload; a page
 * built with a stale client version; a slow and an offline network (CDP). Without /usr/bin/chromium: skipped, loudly.
 */
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { ClientVersion } from "../../examples/generated/Client.js"
import { Browser } from "./Browser.js"
import { Network } from "./Network.js"
import { Shop } from "./Shop.js"
import { ShopPage } from "./ShopPage.js"

if (!Browser.available) console.warn(Browser.skipped)

/** The cursors' sequence numbers (`<epoch>.<seq>`) of feed rows. */
const _seqs = (rows: ReadonlyArray<ShopPage.Row>) => rows.map((r) => Number(r.cursor.split(".")[1]))

describe.skipIf(!Browser.available)("the example web page in Chromium", { timeout: 120_000 }, () => {
  let shop: Shop.Running
  let context: BrowserContext
  beforeAll(async () => {
    shop = await Shop.start()
  }, 240_000)
  afterAll(() => shop?.stop())
  beforeEach(async () => {
    context = await shop.browser.newContext({ viewport: { width: 1100, height: 900 } })
  })
  afterEach(() => context.close())

  /** Which pod's Order entity placed `key` (`<tenant>/<order>`): the one whose log has its line. */
  const placedOn = async (key: string): Promise<string> => {
    const [a, b] = await Promise.all([shop.logs(shop.a), shop.logs(shop.b)])
    const line = `Order ${key} placed on shard`
    return a.includes(line) ? "pod-a" : b.includes(line) ? "pod-b" : new Promise((r) => setTimeout(r, 100)).then(() => placedOn(key))
  }

  it("signs in and places an order: unary calls on one WebSocket, the order on the live feed", async () => {
    const sockets: Array<string> = []
    context.on("page", (p) => p.on("websocket", (ws) => sockets.push(ws.url())))
    const page = await ShopPage.open(context, shop.a, "usr_ann")
    await ShopPage.until(page, "open")
    expect(await ShopPage.placed(page, "ord_u1")).toMatchObject({ status: "ok", text: expect.stringContaining("placed 19.90 EUR") })
    expect(await ShopPage.lookup(page, "t_acme", "ord_u1")).toMatchObject({ status: "ok" })
    await ShopPage.shows(page, "ord_u1")
    expect(sockets, "one WebSocket for every call and the subscription").toEqual([`ws://127.0.0.1:${shop.a.port}/ws?format=json&v=${ClientVersion}`])
    expect((await ShopPage.state(page)).history).toEqual(["connecting", "open"])
    await Browser.screenshot(page, "signed-in")
  })

  it("streams: WatchOrders shows each order the tenant places from then on, in order", async () => {
    const page = await ShopPage.open(context, shop.b, "usr_bob")
    await page.click("#stream")
    // A stream starts whenever the server runs it: place orders until it shows one; from then on it misses none.
    const prime = async (i: number): Promise<string> => {
      await ShopPage.placed(page, `ord_s${i}`)
      const seen = await page.waitForSelector(`#stream-items li[data-order="ord_s${i}"]`, { state: "attached", timeout: 5_000 }).then(() => true, () => false)
      return seen || i === 10 ? `ord_s${i} placed` : prime(i + 1)
    }
    const primer = await prime(1)
    await ShopPage.placed(page, "ord_sa")
    await ShopPage.placed(page, "ord_sb")
    await page.waitForSelector(`#stream-items li[data-order="ord_sb"]`, { state: "attached" })
    const items = await ShopPage.stream(page)
    expect(items.slice(items.indexOf(primer) + 1)).toEqual(["ord_sa placed", "ord_sb placed"])
  })

  it("shows typed errors by their tag: the contract's OrderNotFound, and a payload the client's schema refuses", async () => {
    const page = await ShopPage.open(context, shop.a, "usr_ann")
    expect(await ShopPage.lookup(page, "t_acme", "ord_nope")).toMatchObject({ status: "error", tag: "OrderNotFound" })
    expect(await ShopPage.placed(page, "not an id")).toMatchObject({ status: "error", tag: "ParseError" })
    expect(await ShopPage.errors(page)).toEqual(["OrderNotFound · GetOrder t_acme/ord_nope", "ParseError · PlaceOrder not an id"])
    expect(await page.textContent("#errors li[data-tag=ParseError]")).toContain("not sent")
  })

  it("refuses another tenant: Forbidden for its order and for its channel", async () => {
    const page = await ShopPage.open(context, shop.a, "usr_ann")
    expect(await ShopPage.lookup(page, "t_globex", "ord_u1")).toMatchObject({ status: "error", tag: "Forbidden" })
    await ShopPage.follow(page, "t_globex")
    await ShopPage.error(page, "Forbidden", "OrderUpdates t_globex")
    expect(await page.textContent("#watching")).toBe("stopped: Forbidden")
    expect(await ShopPage.errors(page)).toEqual(["Forbidden · GetOrder t_globex/ord_u1", "Forbidden · OrderUpdates t_globex"])
    await Browser.screenshot(page, "forbidden")
  })

  it("live: orders whose entity publishes on the other pod reach the page's subscription, in order, once", async () => {
    const [onA, onB] = await Promise.all([ShopPage.open(context, shop.a, "usr_cy"), ShopPage.open(context, shop.b, "usr_cy")])
    // Through pod b until one order's entity runs (and publishes) on pod b: shards decide where.
    const placeUntilB = async (i: number, ids: ReadonlyArray<string>): Promise<ReadonlyArray<string>> => {
      await ShopPage.placed(onB, `ord_x${i}`)
      const on = await placedOn(`t_globex/ord_x${i}`)
      return on === "pod-b" || i === 20 ? [...ids, `ord_x${i}`] : placeUntilB(i + 1, [...ids, `ord_x${i}`])
    }
    const ids = await placeUntilB(1, [])
    expect(await placedOn(`t_globex/${ids.at(-1)}`)).toBe("pod-b")
    await ShopPage.shows(onA, ids.at(-1)!)
    const rows = (await ShopPage.feed(onA)).filter((r) => r.order.startsWith("ord_x"))
    expect(rows.map((r) => `${r.order} ${r.status}`)).toEqual(ids.map((id) => `${id} placed`))
    expect(_seqs(rows)).toEqual(_seqs(rows).map((_, i) => _seqs(rows)[0]! + i))
  })

  it("survives kill -9 of its pod and a restart without a reload: the call made meanwhile completes, the feed has no gap and no duplicate", async () => {
    // At most 1 s between reconnect attempts (default 10 s), so the page is back soon after its pod.
    const [onA, onB] = await Promise.all([ShopPage.open(context, shop.a, "usr_dee", "/app/?reconnect=1000"), ShopPage.open(context, shop.b, "usr_dee")])
    expect(await ShopPage.placed(onA, "ord_k1")).toMatchObject({ status: "ok" })
    expect(await ShopPage.placed(onB, "ord_k2")).toMatchObject({ status: "ok" })
    await ShopPage.shows(onA, "ord_k2")

    const t0 = Date.now()
    const took: Array<string> = []
    const mark = (what: string) => void took.push(`${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    await shop.kill9(shop.a)
    await ShopPage.until(onA, "reconnecting")
    mark("the page reconnecting")
    await ShopPage.place(onA, "ord_k3")
    expect(await ShopPage.placed(onB, "ord_k4"), "placed through the other pod during the outage").toMatchObject({ status: "ok" })
    mark("ord_k4 placed through pod-b")
    expect(await ShopPage.call(onA, "PlaceOrder ord_k3"), "made during the outage: still waiting").toMatchObject({ status: "pending" })
    await Browser.screenshot(onA, "reconnecting")

    await shop.restart(shop.a)
    mark("pod-a restarted")
    expect(await ShopPage.answered(onA, "PlaceOrder ord_k3"), "completes after the outage").toMatchObject({ status: "ok" })
    mark("ord_k3 (made during the outage) answered")
    expect(await ShopPage.placed(onB, "ord_k5")).toMatchObject({ status: "ok" })
    await ShopPage.shows(onA, "ord_k5")
    console.log(`kill -9 of ${shop.a.name}: ${took.join(", ")}`)
    const rows = await ShopPage.feed(onA)
    expect(rows.map((r) => `${r.order} ${r.status}`)).toEqual(["ord_k1", "ord_k2", "ord_k4", "ord_k3", "ord_k5"].map((id) => `${id} placed`))
    expect(_seqs(rows), "no gap, no duplicate").toEqual([1, 2, 3, 4, 5])
    expect((await ShopPage.state(onA)).history).toEqual(["connecting", "open", "reconnecting", "open"])
    expect((await ShopPage.state(onB)).history).toEqual(["connecting", "open"])
    await Browser.screenshot(onA, "after-restart")
  })

  it("version skew: a page built with an older client version shows the server's UpgradeRequired", async () => {
    const page = await ShopPage.open(context, shop.a, "usr_ann", "/app/stale/")
    await ShopPage.error(page, "UpgradeRequired", "OrderUpdates t_acme")
    expect(await ShopPage.placed(page, "ord_v1")).toMatchObject({ status: "error", tag: "UpgradeRequired" })
    expect(await page.textContent("#banner")).toContain(`built for contracts ${Shop.staleVersion}, the server runs ${ClientVersion}`)
    expect((await ShopPage.state(page)).now, "connected, but refused per call").toBe("open")
    await Browser.screenshot(page, "upgrade-required")
    const current = await ShopPage.open(context, shop.a, "usr_ann")
    expect(await ShopPage.lookup(current, "t_acme", "ord_v1"), "the stale page's order never ran").toMatchObject({ tag: "OrderNotFound" })
  })

  it("on a slow network (CDP): HTTP is delayed by the emulated latency, WebSocket frames by the throughput; offline, the heartbeat reconnects", async () => {
    const report = await Network.measure(context, shop.b, (page: Page) => ShopPage.placed(page, "ord_n1").then(() => page))
    console.log(Network.describe(report))
    expect(report.http.latencyMs, "fetch under the emulated latency").toBeGreaterThanOrEqual(report.latency)
    expect(report.ws.answerBytes, "the call's answer frame, seen through CDP").toBeGreaterThan(0)
    expect(report.ws.throughputMs, "a WebSocket call under the emulated throughput").toBeGreaterThanOrEqual(report.ws.minimumMs)
    expect(report.offline.history).toEqual(["connecting", "open", "reconnecting", "open"])
    expect(report.offline.call, "placed while offline: waited, then ran").toMatchObject({ status: "ok" })
  })
})
