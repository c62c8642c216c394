/**
 * The demo's Server-Sent Events client: opens a channel's SSE URL as a browser's EventSource would (with a
 * bearer token, and `Last-Event-ID` to resume), and keeps its frames, awaitable. It only reads; the connection
 * is closed with the scope that opened it.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"

/** One frame's fields (`id:`, `event:`, `data:` lines); comments (`: hb`) and the `retry:` frame are none. */
const _frame = (lines: ReadonlyArray<string>): Option.Option<Sse.Frame> => {
  const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart())
  const data = field("data")
  return data.length === 0 ? Option.none() : Option.some({ id: field("id")[0] ?? "", event: field("event")[0] ?? "message", data: data.join("\n") })
}

/**
 * GET `url` as an SSE stream with `headers` (an `authorization`, a `last-event-id`): its status, and its frames
 * as they arrive, until the scope closes. `wait(done)` returns the frames so far once `done` holds for them
 * (dies after 10 s).
 */
const open = (url: string, headers: Readonly<Record<string, string>>) =>
  Effect.gen(function*() {
    const client = HttpClient.withScope(yield* HttpClient.HttpClient)
    const response = yield* Effect.orDie(client.get(url, { headers: { accept: "text/event-stream", ...headers } }))
    const frames = yield* SubscriptionRef.make<ReadonlyArray<Sse.Frame>>([])
    yield* response.stream.pipe(
      Stream.decodeText(),
      Stream.splitLines,
      Stream.mapAccum([] as ReadonlyArray<string>, (lines, line) =>
        line === "" ? [[], _frame(lines)] as const : [[...lines, line], Option.none<Sse.Frame>()] as const),
      Stream.filterMap((frame) => frame),
      Stream.runForEach((frame) => SubscriptionRef.update(frames, (all) => [...all, frame])),
      Effect.ignore,
      Effect.forkScoped
    )
    const wait = (done: (frames: ReadonlyArray<Sse.Frame>) => boolean) =>
      frames.changes.pipe(
        Stream.filter(done),
        Stream.runHead,
        Effect.flatten,
        Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error(`${url}: the expected SSE frames did not arrive within 10 s`) }),
        Effect.orDie
      )
    return { status: response.status, wait }
  })

/** `Sse.open(url, headers)`: a channel followed over SSE, the way the demo shows it. */
export const Sse = { open } as const

export declare namespace Sse {
  /** One SSE frame: its id (a message's cursor), its event (`message`, `gap`, `lagged`, …) and its data (JSON). */
  interface Frame {
    readonly id: string
    readonly event: string
    readonly data: string
  }
}
