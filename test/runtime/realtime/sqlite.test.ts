/**
 * The realtime runtime on SQLite (one pod): no LISTEN/NOTIFY, the hub polls the log; messages arrive in
 * order and a cursor resumes with no gap and no duplicate.
 */
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { afterAll, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Realtime } from "effect-contracts/Realtime"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Feed } from "./Feed.js"

const _dir = mkdtempSync(join(tmpdir(), "ec-realtime-"))
afterAll(() => rmSync(_dir, { recursive: true, force: true }))
const _sqlite = SqliteClient.layer({ filename: join(_dir, "app.db") })

layer(Realtime.layer.pipe(Layer.provideMerge(_sqlite)), { timeout: 60_000, excludeTestServices: true })("realtime on SQLite (one pod, polling)", (it) => {
    it.effect("delivers in order and resumes from a cursor", () =>
      Effect.gen(function*() {
        const room = Feed.room("room-s")
        const first = yield* Feed.during(room, 3, Feed.publish(room, 1, 3))
        yield* Feed.publish(room, 4, 6)
        const rest = yield* Feed.take(room, 3, first[2]!.cursor)
        expect([...Feed.numbers(first), ...Feed.numbers(rest)]).toEqual(Feed.range(1, 6))
      }))
})
