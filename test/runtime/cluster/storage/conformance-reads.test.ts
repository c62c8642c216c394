/**
 * Storage conformance, the storage loop's reads: what `unprocessedMessages` / `unprocessedMessagesById`
 * hand out, against the project's `ClusterStorage` and the library's `SqlMessageStorage` alike. Every row
 * first reads the shard, as a running storage loop does: that is what sends `ClusterStorage`'s own later
 * requests through its in-memory shortcut, so the rows hold that shortcut to the contract too.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { expect } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Conformance } from "./Conformance.js"

const { exit, idsOf, keyed, plain } = Conformance

/** The storage loop's read of the suite's shard, as request ids. */
const read = (storage: Conformance.Storage) => Effect.map(storage.unprocessedMessages([Conformance.shard]), Conformance.ids)

/** A runner whose storage loop has read the shard once (it owns it). */
const owner = <R>(runner: () => Effect.Effect<Conformance.Storage, never, R>) =>
  Effect.tap(runner(), (storage) => read(storage))

Conformance.suite("storage conformance: reads", {
  "a saved request is read once, and a later one on its own": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const first = yield* keyed("a")
      yield* storage.saveRequest(first)
      expect(yield* read(storage)).toEqual(idsOf([first]))
      expect(yield* read(storage), "a read claims what it returns").toEqual([])
      const second = yield* plain(1)
      yield* storage.saveRequest(second)
      expect(yield* read(storage)).toEqual(idsOf([second]))
    }),

  "reads return unanswered requests in arrival order, without answered ones": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const batch = (from: number) => Effect.forEach([0, 1, 2, 3, 4], (i) => Effect.tap(plain(from + i), storage.saveRequest))
      const first = yield* batch(1)
      yield* storage.saveReply(yield* exit(first[0]!))
      expect(yield* read(storage)).toEqual(idsOf(first.slice(1)))
      const second = yield* batch(6)
      expect(yield* read(storage)).toEqual(idsOf(second))
    }),

  "a request answered before it is read is not read": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const request = yield* keyed("a")
      yield* storage.saveRequest(request)
      yield* storage.saveReply(yield* exit(request))
      expect(yield* read(storage)).toEqual([])
    }),

  "a request another runner answered is not read": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const other = yield* runner()
      const request = yield* keyed("a")
      yield* storage.saveRequest(request)
      yield* other.saveReply(yield* exit(request))
      expect(yield* read(storage)).toEqual([])
    }),

  "a request whose rows were deleted is not read (clearAddress, or by hand)": ({ prefix, runner }) =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const storage = yield* owner(runner)
      const cleared = yield* keyed("a", { entity: "e1" })
      const deleted = yield* keyed("b", { entity: "e2" })
      yield* Effect.forEach([cleared, deleted], storage.saveRequest)
      yield* storage.clearAddress(Conformance.address("e1"))
      yield* sql`DELETE FROM ${sql(`${prefix}_messages`)} WHERE id = ${String(deleted.envelope.requestId)}`
      expect(yield* read(storage)).toEqual([])
    }),

  "a request another runner claimed after a reset is not read again": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const other = yield* runner()
      const request = yield* keyed("a")
      yield* storage.saveRequest(request)
      yield* other.resetShards([Conformance.shard])
      expect(yield* read(other)).toEqual(idsOf([request]))
      expect(yield* read(storage)).toEqual([])
    }),

  "a reset hands unanswered requests out again, never answered ones": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const requests = yield* Effect.forEach(["a", "b"], (id) => Effect.tap(keyed(id), storage.saveRequest))
      expect(yield* read(storage)).toEqual(idsOf(requests))
      yield* storage.saveReply(yield* exit(requests[0]!))
      yield* storage.resetShards([Conformance.shard])
      expect(yield* read(storage)).toEqual(idsOf(requests.slice(1)))
    }),

  "after clearReplies an answered request is read again": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const request = yield* keyed("a")
      yield* storage.saveRequest(request)
      expect(yield* read(storage)).toEqual(idsOf([request]))
      yield* storage.saveReply(yield* exit(request))
      expect(yield* read(storage)).toEqual([])
      yield* storage.clearReplies(request.envelope.requestId)
      expect(yield* read(storage)).toEqual(idsOf([request]))
    }),

  "unprocessedMessagesById returns a request until it is answered or deleted": ({ runner }) =>
    Effect.gen(function*() {
      const storage = yield* owner(runner)
      const requests = yield* Effect.forEach(["e1", "e2"], (entity) => Effect.tap(plain(1, entity), storage.saveRequest))
      const byId = Effect.map(storage.unprocessedMessagesById(requests.map((r) => r.envelope.requestId)), Conformance.ids)
      expect(yield* byId).toEqual(idsOf(requests))
      yield* storage.saveReply(yield* exit(requests[0]!))
      expect(yield* byId).toEqual(idsOf(requests.slice(1)))
      yield* storage.clearAddress(Conformance.address("e2"))
      expect(yield* byId).toEqual([])
    })
})
