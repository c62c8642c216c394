/**
 * The browser client as promises (`effect-contracts/ClientPromise`), for front ends that do not use Effect
 * (React, Vue, plain TypeScript): the same client as `Client.make` — one connection, reconnects, waiting and
 * replayed calls, resuming subscriptions — with functions returning promises rejected with the typed error object (`_tag`),
 * iterators, callbacks, `state` / `onState`, and `close()`. Each promise is one `Effect.runCallback`.
 */
import * as Socket from "@effect/platform/Socket"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as Predicate from "effect/Predicate"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { ClientApi } from "../Api.js"
import { Client } from "../Client.js"
import type { ClientPromiseApi } from "./Types.js"

/** `effect` as a promise: its success, or a rejection with its error itself (not a wrapper); `signal` interrupts it. */
const _promise = <A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const cancel = Effect.runCallback(effect, {
      onExit: (exit) => Exit.isSuccess(exit) ? resolve(exit.value) : reject(Cause.squash(exit.cause))
    })
    signal?.aborted === true ? cancel() : signal?.addEventListener("abort", () => cancel(), { once: true })
  })

/** A unary method as a promise-returning function, a streaming one as an `AsyncIterable`. */
const _method = (method: (payload: unknown, options?: object) => Effect.Effect<unknown, unknown> | Stream.Stream<unknown, unknown>) =>
(payload: unknown, options?: ClientPromiseApi.CallOptions) => {
  const { signal, ...rest } = options ?? {}
  const result = method(payload, rest)
  return Effect.isEffect(result) ? _promise(result, signal) : Stream.toAsyncIterable(result)
}

type _Run = <A, E>(effect: Effect.Effect<A, E>) => Fiber.RuntimeFiber<A, E>

type _Item = { readonly _tag: "Message"; readonly cursor: string; readonly payload: unknown } | { readonly _tag: "Gap"; readonly cursor: string; readonly message: string }

/** Run a subscription (with `run`, the client's: closing it stops them all), calling the handlers until the returned function is called. */
const _follow = (run: _Run, stream: Stream.Stream<_Item, unknown>, handlers: ClientPromiseApi.Handlers<unknown>) => {
  const fiber = run(stream.pipe(
    Stream.runForEach((item) =>
      Effect.sync(() => item._tag === "Message" ? handlers.onMessage(item.payload, item.cursor) : handlers.onGap?.(item))),
    Effect.catchAllCause((cause) => Cause.isInterruptedOnly(cause) ? Effect.void : Effect.sync(() => handlers.onError?.(Cause.squash(cause))))
  ))
  return () => void Effect.runFork(Fiber.interrupt(fiber))
}

/**
 * Connect to the server at `options.url` with the app's groups (the generated `connectClient` passes them):
 * resolves with the client at once (its `state` says when the connection opens; calls made before wait).
 */
const connect = <G extends ClientApi.Groups>(options: ClientPromiseApi.Options<G>): Promise<ClientPromiseApi.Client<G>> => {
  const { token, webSocket, ...rest } = options
  const read = token === undefined ? undefined : Effect.suspend(() => {
    const t = token()
    return Predicate.isPromiseLike(t) ? Effect.promise(() => Promise.resolve(t)) : Effect.succeed(t)
  })
  const constructor = webSocket === undefined ? Layer.empty : Layer.succeed(Socket.WebSocketConstructor, (url: string) => webSocket(url))
  return _promise(Effect.gen(function*() {
    const scope = yield* Scope.make()
    const made = { ...rest, ...(read === undefined ? {} : { token: read }) } as Parameters<typeof Client.make<G>>[0]
    const client = yield* Client.make(made).pipe(
      Effect.provide(constructor),
      Scope.extend(scope)
    )
    const listeners = new Set<(state: ClientApi.State) => void>()
    const current = { state: yield* client.state.get }
    const notify = (state: ClientApi.State) => {
      const changed = current.state !== state
      current.state = state
      changed && listeners.forEach((l) => l(state))
    }
    yield* client.state.changes.pipe(Stream.runForEach((s) => Effect.sync(() => notify(s))), Effect.forkIn(scope))
    const run: _Run = yield* FiberSet.makeRuntime<never>().pipe(Scope.extend(scope))
    const groups = Object.entries(client as unknown as Record<string, Record<string, Parameters<typeof _method>[0]>>)
    const calls = Object.fromEntries(groups.flatMap(([name, group]) =>
      name === "subscribe" || name === "state" ? [] : [[name, Object.fromEntries(Object.entries(group).map(([tag, m]) => [tag, _method(m)]))]]))
    const subscribe = (tag: never, key: never, options?: ClientApi.SubscribeOptions | ClientPromiseApi.Handlers<unknown>) => {
      const stream = client.subscribe(tag, key, options?.cursor === undefined ? {} : { cursor: options.cursor }) as Stream.Stream<_Item, unknown>
      return options !== undefined && "onMessage" in options ? _follow(run, stream, options) : Stream.toAsyncIterable(stream)
    }
    return {
      ...calls,
      subscribe,
      get state() {
        return current.state
      },
      onState: (listener: (state: ClientApi.State) => void) => {
        listeners.add(listener)
        listener(current.state)
        return () => void listeners.delete(listener)
      },
      close: () => _promise(Effect.zipRight(Scope.close(scope, Exit.void), Effect.sync(() => notify("closed"))))
    } as unknown as ClientPromiseApi.Client<G>
  }))
}

/** The promise facade of the browser client: `ClientPromise.connect({ url, groups })`. */
export const ClientPromise = { connect } as const

export declare namespace ClientPromise {
  type Options<G extends ClientApi.Groups> = ClientPromiseApi.Options<G>
  type Connect = ClientPromiseApi.Connect
  type Client<G extends ClientApi.Groups> = ClientPromiseApi.Client<G>
  type Handlers<P> = ClientPromiseApi.Handlers<P>
  type CallOptions = ClientPromiseApi.CallOptions
  type Failure<G extends ClientApi.Groups, K extends keyof Omit<ClientApi.Client<G>, "subscribe" | "state">, M extends keyof Omit<ClientApi.Client<G>, "subscribe" | "state">[K]> =
    ClientPromiseApi.Failure<G, K, M>
  type State = ClientApi.State
}
