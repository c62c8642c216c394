/**
 * Authentication declared in a contract, enforced by the code codegen emits for it (golden scenario `auth`),
 * over real HTTP: `Server` on the memory cluster serving `NotesRpcs`, called through the generated
 * `NotesClient`. No token or a bad one is the typed `Unauthorized`, another tenant's note the typed
 * `Forbidden` (failures the client decodes, never defects); the verified principal reaches the handlers.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as RpcClient from "@effect/rpc/RpcClient"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { createServer } from "node:net"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { EdgeError } from "../../../runtime/contract/EdgeError.js"
import { Auth } from "../../../runtime/http/Auth.js"
import { Server } from "../../../runtime/http/Server.js"
import { Shared } from "../../golden/auth/contracts/shared.js"
import NotesContract from "../../golden/auth/contracts/notes.contract.js"
import { NotesAuth } from "../../golden/auth/generated/notes/Auth.js"
import { NotesClient } from "../../golden/auth/generated/notes/Client.js"
import { CurrentNotesPrincipal } from "../../golden/auth/generated/notes/Principal.js"
import { NotesRpcs } from "../../golden/auth/generated/notes/Rpcs.js"

const _acme = Shared.TenantId.make("t_acme")
const _globex = Shared.TenantId.make("t_globex")
const _noteId = NotesContract.rpcs.GetNote.payload.noteId.make
const _Note = NotesContract.rpcs.GetNote.success

/** The test's token issuer: `token-<tenant>-<user>` for the users it knows. */
const _tokens: Readonly<Record<string, typeof Shared.Principal.Type>> = {
  "token-acme-ann": { tenantId: _acme, userId: "ann" },
  "token-globex-cy": { tenantId: _globex, userId: "cy" }
}

const _verifier = Effect.succeed(Auth.verifier(NotesAuth, (token) =>
  token in _tokens
    ? Effect.succeed(_tokens[token]!)
    : Effect.fail(new EdgeError.Unauthorized({ message: "unknown token" }))))

/** A tenant's own notes only: the check handlers make against the principal the middleware provided. */
const _own = (tenantId: typeof Shared.TenantId.Type) =>
  Effect.flatMap(CurrentNotesPrincipal, (p) =>
    p.tenantId === tenantId ? Effect.void : Effect.fail(new EdgeError.Forbidden({ message: `${p.userId} is not a user of ${tenantId}` })))

const _NotesLive = NotesRpcs.toLayer(NotesRpcs.of({
  GetNote: ({ noteId, tenantId }) => Effect.as(_own(tenantId), new _Note({ tenantId, noteId, text: "hello" })),
  WhoAmI: () => CurrentNotesPrincipal,
  WatchNotes: ({ tenantId }) =>
    Stream.unwrap(Effect.as(_own(tenantId), Stream.make(new _Note({ tenantId, noteId: _noteId("n_1"), text: "first" })))),
  Version: () => Effect.succeed("1.2.3")
}))

const _port = Effect.async<number>((resume) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const address = server.address()
    server.close(() => resume(Effect.succeed(typeof address === "object" && address !== null ? address.port : 0)))
  })
})

/** The raw NDJSON reply to one call: what any client, typed or not, decodes. */
const _raw = (port: number, tag: string, payload: unknown, authorization?: string) =>
  Effect.promise(() =>
    fetch(`http://127.0.0.1:${port}/rpc/notes`, {
      method: "POST",
      headers: { "content-type": "application/ndjson", ...(authorization === undefined ? {} : { authorization }) },
      body: `${JSON.stringify({ _tag: "Request", id: "1", tag, payload, headers: [] })}\n`
    }).then((r) => r.text()).then((text) => JSON.parse(text.trim().split("\n")[0] ?? "null") as unknown)
  )

const _failure = <A, E>(exit: Exit.Exit<A, E>) =>
  Exit.match(exit, { onSuccess: () => "success", onFailure: (cause) => cause._tag === "Fail" ? cause.error : `not a Fail: ${cause._tag}` })

describe("edge authentication", () => {
  it.live("no or a bad token is Unauthorized, another tenant's note Forbidden, one's own served to its principal", () =>
    Effect.gen(function*() {
      const port = yield* _port
      yield* Layer.launch(Server.layer({ rpcs: { notes: NotesRpcs }, port }).pipe(
        Layer.provide(Layer.merge(_NotesLive, Auth.layer(NotesAuth, _verifier))),
        Layer.provide(Cluster.inMemory())
      )).pipe(Effect.forkScoped)
      yield* Effect.tryPromise(() => fetch(`http://127.0.0.1:${port}/livez`)).pipe(
        Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("20 seconds")))
      )
      const token = yield* Ref.make<string | undefined>(undefined)
      const notes = yield* Layer.build(NotesClient.bearer(Ref.get(token)).pipe(
        Layer.provide(RpcClient.layerProtocolHttp({ url: `http://127.0.0.1:${port}/rpc/notes` })),
        Layer.provide(RpcSerialization.layerNdjson),
        Layer.provide(FetchHttpClient.layer)
      )).pipe(Effect.map(Context.get(NotesClient)))
      const acmeNote = { tenantId: _acme, noteId: _noteId("n_1") }

      expect(yield* notes.Version(), "an RPC with auth \"none\" needs no token").toBe("1.2.3")
      const anonymous = yield* Effect.exit(notes.GetNote(acmeNote))
      expect(_failure(anonymous)).toBeInstanceOf(EdgeError.Unauthorized)
      expect(yield* _raw(port, "GetNote", acmeNote), "on the wire: a Fail, not a Die").toMatchObject({
        _tag: "Exit",
        exit: { _tag: "Failure", cause: { _tag: "Fail", error: { _tag: "Unauthorized" } } }
      })
      const unwatched = yield* Effect.exit(Stream.runCollect(notes.WatchNotes({ tenantId: _acme })))
      expect(_failure(unwatched), "a stream without a token").toBeInstanceOf(EdgeError.Unauthorized)

      yield* Ref.set(token, "token-forged")
      const forged = yield* Effect.exit(notes.GetNote(acmeNote))
      expect(_failure(forged)).toMatchObject({ _tag: "Unauthorized", message: "unknown token" })
      expect(yield* _raw(port, "WhoAmI", undefined, "Basic dG9rZW4tYWNtZS1hbm4="), "another scheme is no bearer token").toMatchObject({
        exit: { _tag: "Failure", cause: { _tag: "Fail", error: { _tag: "Unauthorized" } } }
      })

      yield* Ref.set(token, "token-globex-cy")
      const foreign = yield* Effect.exit(notes.GetNote(acmeNote))
      expect(_failure(foreign)).toBeInstanceOf(EdgeError.Forbidden)
      expect(_failure(foreign)).toMatchObject({ message: "cy is not a user of t_acme" })

      yield* Ref.set(token, "token-acme-ann")
      expect(yield* notes.GetNote(acmeNote)).toStrictEqual(new _Note({ ...acmeNote, text: "hello" }))
      expect(yield* notes.WhoAmI(), "the verified principal reaches the handler").toStrictEqual({ tenantId: _acme, userId: "ann" })
      expect((yield* Stream.runCollect(notes.WatchNotes({ tenantId: _acme }))).length).toBe(1)
      expect(yield* _raw(port, "WhoAmI", undefined, "bearer token-globex-cy"), "the HTTP request's own header counts too").toMatchObject({
        exit: { _tag: "Success", value: { tenantId: "t_globex", userId: "cy" } }
      })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)
})
