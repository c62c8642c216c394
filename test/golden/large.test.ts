/**
 * Golden scenario `large`: a contract whose modules would pass the line limit is split, never refused. The
 * main files merge their parts, so what they export is whole: every RPC, message, event and schedule.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Pipeline } from "../../generator/Pipeline.js"
import { Printer } from "../../generator/print/Printer.js"
import { Golden } from "./Golden.js"
import { ShelfEntity } from "./large/generated/large/entities/Shelf.js"
import { LargeEvents } from "./large/generated/large/Events.js"
import { LargeLayer } from "./large/generated/large/Layer.js"
import { LargeRpcs } from "./large/generated/large/Rpcs.js"

const scenarios = await Effect.runPromise(Golden.scenarios.pipe(Effect.provide(NodeContext.layer)))
const large = scenarios.find((s) => s.name === "large")!

const _names = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}${i}`)

describe("golden/large", () => {
  it.effect("each module too long for one file is split into parts under the limit, which its main file merges", () =>
    Effect.gen(function*() {
      const { files } = yield* Pipeline.emit(large.paths)
      const rel = (f: Printer.File) => f.path.slice(large.paths.generated.length + 1)
      const generated = files.filter((f) => f.kind === "generated")
      const parts = generated.map(rel).filter((p) => /\/(rpcs|events|layers)\/|\/entities\/Shelf\//.test(p)).sort()
      expect(parts).toEqual(expect.arrayContaining([
        "large/entities/Shelf/Messages1.ts",
        "large/entities/Shelf/Messages2.ts",
        "large/events/Events1.ts",
        "large/layers/Layer1.ts",
        "large/rpcs/Rpcs1.ts",
        "large/rpcs/Rpcs2.ts"
      ]))
      generated.forEach((f) => expect(Printer.lines(f), rel(f)).toBeLessThanOrEqual(Printer.maxLines))
      const main = (p: string) => generated.find((f) => rel(f) === p)?.content ?? ""
      expect(main("large/Rpcs.ts")).toMatch(/RpcGroup\.make\(\.\.\.LargeRpcs1, \.\.\.LargeRpcs2(, \.\.\.LargeRpcs\d)*\)/)
      expect(main("large/entities/Shelf.ts")).toMatch(/Entity\.make\("Shelf", \[\.\.\.ShelfMessages1, \.\.\.ShelfMessages2(, \.\.\.ShelfMessages\d)*\]\)/)
      expect(main("large/Layer.ts")).toMatch(/Layer\.mergeAll\(\n {2}LargeLayer1,\n {2}LargeLayer2/)
    }).pipe(Effect.provide(NodeContext.layer)))

  it("the merged modules hold every declaration, in order", () => {
    expect([...LargeRpcs.requests.keys()]).toEqual(_names("Get"))
    expect([...ShelfEntity.protocol.requests.keys()]).toEqual(_names("").map((i) => Number(i) % 2 === 0 ? `Put${i}` : `Peek${i}`))
    expect(Object.keys(LargeEvents).filter((k) => k.startsWith("Happened"))).toEqual(_names("Happened"))
    expect(LargeEvents.key({ _tag: "Happened29", payload: { id: "b1" as never, title: "t", pages: 1, tags: [] } })).toBe("large.Happened29/b1/29")
    expect(Layer.isLayer(LargeLayer)).toBe(true)
  })
})
