/**
 * A slow and an offline network for the page, through Chrome DevTools Protocol's
 * `Network.emulateNetworkConditions`, and what it does to HTTP and to the client's WebSocket, measured in the
 * page: a fetch under emulated latency, a WebSocket call under emulated latency and under emulated throughput
 * (with the size of its answer's frame, from CDP's frame events), and the connection's states while offline.
 */
import type { BrowserContext, CDPSession, Page } from "playwright-core"
import type { Shop } from "./Shop.js"
import { ShopPage } from "./ShopPage.js"

/** The conditions emulated: a latency (ms) for the first phase, a throughput (bytes/s) for the second. */
const _latency = 400
const _throughput = 8_000

const _emulate = (cdp: CDPSession, conditions: { readonly latency?: number; readonly throughput?: number; readonly offline?: boolean }) =>
  cdp.send("Network.emulateNetworkConditions", {
    offline: conditions.offline ?? false,
    latency: conditions.latency ?? 0,
    downloadThroughput: conditions.throughput ?? -1,
    uploadThroughput: conditions.throughput ?? -1
  })

/** How long a `fetch` of `/livez` takes in the page, in ms. */
const _fetchMs = (page: Page) =>
  page.evaluate(() => {
    const started = performance.now()
    return fetch("/livez", { cache: "no-store" }).then((r) => r.text()).then(() => Math.round(performance.now() - started))
  })

/** What was measured; the test asserts what the emulation guarantees and prints the rest. */
interface _Report {
  readonly chromium: string
  readonly latency: number
  readonly throughput: number
  readonly baseline: { readonly fetchMs: number; readonly callMs: number }
  readonly http: { readonly latencyMs: number }
  readonly ws: { readonly latencyMs: number; readonly throughputMs: number; readonly answerBytes: number; readonly minimumMs: number }
  readonly offline: { readonly history: ReadonlyArray<string>; readonly call: { readonly status: string; readonly tag: string } }
}

/**
 * Open the page of `pod` as usr_bob (heartbeat 1 s) and run `warm` on it; then measure a fetch and a call with no
 * emulation, under `_latency`, under `_throughput`; then go offline, wait until the page says `reconnecting`,
 * place an order, come back online, and wait for it to be answered and shown on the live feed.
 */
const measure = async (context: BrowserContext, pod: Shop.Pod, warm: (page: Page) => Promise<Page>): Promise<_Report> => {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  const frames: Array<string> = []
  await cdp.send("Network.enable")
  // CDP gives a text frame's payload as is, a binary one in base64.
  cdp.on("Network.webSocketFrameReceived", (e) =>
    void frames.push(e.response.opcode === 1 ? e.response.payloadData : Buffer.from(e.response.payloadData, "base64").toString("utf8")))
  await warm(await ShopPage.signIn(page, pod, "usr_bob", "/app/?heartbeat=1000"))
  const baseline = { fetchMs: await _fetchMs(page), callMs: await ShopPage.lookup(page, "t_acme", "ord_n1").then((c) => c.ms) }

  await ShopPage.placed(page, "ord_n2")
  await _emulate(cdp, { latency: _latency })
  const http = { latencyMs: await _fetchMs(page) }
  const underLatency = await ShopPage.lookup(page, "t_acme", "ord_n2")

  await _emulate(cdp, { throughput: _throughput })
  frames.length = 0
  const underThroughput = await ShopPage.lookup(page, "t_acme", "ord_n1")
  const answer = frames.find((f) => f.includes("\"Exit\"") && f.includes("ord_n1")) ?? ""
  const answerBytes = new TextEncoder().encode(answer).length

  await _emulate(cdp, { offline: true })
  await ShopPage.until(page, "reconnecting")
  await ShopPage.place(page, "ord_n3")
  await _emulate(cdp, {})
  const call = await ShopPage.answered(page, "PlaceOrder ord_n3")
  await ShopPage.shows(page, "ord_n3")
  return {
    chromium: context.browser()?.version() ?? "?",
    latency: _latency,
    throughput: _throughput,
    baseline,
    http,
    ws: { latencyMs: underLatency.ms, throughputMs: underThroughput.ms, answerBytes, minimumMs: Math.floor((1000 * answerBytes) / _throughput) },
    offline: { history: (await ShopPage.state(page)).history, call }
  }
}

/** The measurements as lines for the test's output. */
const describe = (r: _Report) =>
  [
    `CDP Network.emulateNetworkConditions in Chromium ${r.chromium}, measured in the page:`,
    `  no emulation:            fetch /livez ${r.baseline.fetchMs} ms; WebSocket call (GetOrder) ${r.baseline.callMs} ms`,
    `  latency ${r.latency} ms:          fetch /livez ${r.http.latencyMs} ms; WebSocket call (GetOrder) ${r.ws.latencyMs} ms`,
    `  throughput ${r.throughput} B/s:     WebSocket call (GetOrder) ${r.ws.throughputMs} ms for an answer frame of ${r.ws.answerBytes} B (${r.ws.minimumMs} ms at that rate)`,
    `  offline, then online:    states ${r.offline.history.join(" → ")}; the order placed while offline: ${r.offline.call.status}`
  ].join("\n")

/** The network conditions test: `Network.measure(context, pod, warm)`, `Network.describe(report)`. */
export const Network = { measure, describe } as const

export declare namespace Network {
  type Report = _Report
}
