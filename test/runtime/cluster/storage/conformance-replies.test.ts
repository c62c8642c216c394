/**
 * Storage conformance, deduplication and replies: duplicates by primary key (short and hashed long keys),
 * the last reply a duplicate gets, one exit per request, `repliesFor` and reply handlers — against the
 * project's `ClusterStorage` and the library's `SqlMessageStorage` alike.
 */
import { PersistenceError } from "@effect/cluster/ClusterError"
import * as Envelope from "@effect/cluster/Envelope"
import * as Message from "@effect/cluster/Message"
import * as SqlClient from "@effect/sql/SqlClient"
import { expect } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import { Conformance } from "./Conformance.js"

const { ack, chunk, exit, keyed, plain } = Conformance

/** What a save says, as plain data: `Success`, or the original's id and the tag and id of its last reply. */
const save = (storage: Conformance.Storage, request: Conformance.Request) =>
  Effect.map(storage.saveRequest(request), (result) =>
    result._tag === "Success" ? "Success" : {
      original: String(result.originalId),
      last: Option.getOrNull(Option.map(result.lastReceivedReply, (r) => ({ tag: r._tag, id: String(r.id) })))
    })

/** What `repliesFor` the requests returns: each reply's tag, id and request. */
const replies = (storage: Conformance.Storage, requests: ReadonlyArray<Conformance.Request>) =>
  Effect.map(storage.repliesFor(requests), (rs) => rs.map((r) => ({ tag: r._tag, id: String(r.id), request: String(r.requestId) })))

const _messageIds = (prefix: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql<{ message_id: string }>`SELECT message_id FROM ${sql(`${prefix}_messages`)}`)

Conformance.suite("storage conformance: deduplication and replies", {
  "a duplicate primary key is refused with the original's id": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const original = yield* keyed("k")
      expect(yield* save(storage, original)).toEqual("Success")
      expect(yield* save(storage, yield* keyed("k"))).toEqual({ original: String(original.envelope.requestId), last: null })
    }),

  "requests without a primary key are never duplicates": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      expect(yield* save(storage, yield* plain(1))).toEqual("Success")
      expect(yield* save(storage, yield* plain(1))).toEqual("Success")
    }),

  "a duplicate gets the last reply received: the latest chunk, then the exit": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const original = yield* keyed("s", { stream: true })
      const id = String(original.envelope.requestId)
      yield* storage.saveRequest(original)
      const first = yield* chunk(original, 0)
      yield* storage.saveReply(first)
      yield* storage.saveEnvelope(yield* ack(original, first))
      const second = yield* chunk(original, 1)
      yield* storage.saveReply(second)
      expect(yield* save(storage, yield* keyed("s", { stream: true }))).toEqual({
        original: id,
        last: { tag: "Chunk", id: String(second.reply.id) }
      })
      const done = yield* exit(original)
      yield* storage.saveReply(done)
      expect(yield* save(storage, yield* keyed("s", { stream: true }))).toEqual({
        original: id,
        last: { tag: "WithExit", id: String(done.reply.id) }
      })
    }),

  "a second exit for a request is refused, and the first stands": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const request = yield* keyed("k")
      yield* storage.saveRequest(request)
      const first = yield* exit(request)
      yield* storage.saveReply(first)
      const refused = yield* Effect.flip(storage.saveReply(yield* exit(request)))
      expect(refused).toBeInstanceOf(PersistenceError)
      expect(yield* replies(storage, [request])).toEqual([{ tag: "WithExit", id: String(first.reply.id), request: String(request.envelope.requestId) }])
    }),

  "repliesFor returns nothing before the exit, then the exit": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const request = yield* keyed("k")
      yield* storage.saveRequest(request)
      expect(yield* replies(storage, [request])).toEqual([])
      const done = yield* exit(request)
      yield* storage.saveReply(done)
      expect(yield* replies(storage, [request])).toEqual([{ tag: "WithExit", id: String(done.reply.id), request: String(request.envelope.requestId) }])
    }),

  "repliesFor returns chunks until they are acknowledged, and the exit": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const request = yield* keyed("s", { stream: true })
      const ids = (...rs: ReadonlyArray<{ readonly reply: { readonly _tag: string; readonly id: bigint } }>) =>
        rs.map((r) => ({ tag: r.reply._tag, id: String(r.reply.id), request: String(request.envelope.requestId) }))
      yield* storage.saveRequest(request)
      const first = yield* chunk(request, 0)
      yield* storage.saveReply(first)
      expect(yield* replies(storage, [request])).toEqual(ids(first))
      yield* storage.saveEnvelope(yield* ack(request, first))
      expect(yield* replies(storage, [request])).toEqual([])
      const second = yield* chunk(request, 1)
      yield* storage.saveReply(second)
      const done = yield* exit(request)
      yield* storage.saveReply(done)
      expect(yield* replies(storage, [request])).toEqual(ids(second, done))
    }),

  "a registered reply handler gets the exit when it is saved": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const request = yield* keyed("k")
      const replied = yield* Deferred.make<string>()
      yield* storage.saveRequest(request)
      const handler = yield* Effect.fork(storage.registerReplyHandler(new Message.OutgoingRequest({
        envelope: request.envelope,
        lastReceivedReply: Option.none(),
        rpc: request.rpc,
        context: request.context,
        respond: (reply) => Deferred.succeed(replied, reply._tag)
      })))
      yield* Effect.yieldNow()
      yield* storage.saveReply(yield* exit(request))
      expect(yield* Deferred.await(replied)).toEqual("WithExit")
      yield* Fiber.join(handler)
    }),

  "a primary key longer than the column is hashed, and still deduplicates and finds its request": ({ prefix, runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const key = "long-key-".repeat(50)
      const original = yield* keyed(key)
      expect(yield* save(storage, original)).toEqual("Success")
      expect(yield* save(storage, yield* keyed(key))).toEqual({ original: String(original.envelope.requestId), last: null })
      const found = yield* storage.requestIdForPrimaryKey({ address: Conformance.address(), tag: "Keyed", id: key })
      expect(Option.map(found, String)).toEqual(Option.some(String(original.envelope.requestId)))
      expect((yield* _messageIds(prefix)).map((r) => r.message_id)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)])
    }),

  "a primary key within the column is stored as is, and finds its request": ({ prefix, runner }) =>
    Effect.gen(function*() {
      const storage = yield* runner()
      const original = yield* keyed("short")
      yield* storage.saveRequest(original)
      expect((yield* _messageIds(prefix)).map((r) => r.message_id)).toEqual([Envelope.primaryKey(original.envelope)])
      const found = yield* storage.requestIdForPrimaryKey({ address: Conformance.address(), tag: "Keyed", id: "short" })
      expect(Option.map(found, String)).toEqual(Option.some(String(original.envelope.requestId)))
    })
}, {
  SqlMessageStorage: {
    // A library bug (0.60.2) that ClusterStorage does not copy: its `repliesFor` reads a chunk row (reply kind
    // NULL) as an exit (`Number(null) === 0`), which fails to decode and comes back as a defect exit, new id.
    "repliesFor returns chunks until they are acknowledged, and the exit": "reads a chunk back as an exit"
  }
})
