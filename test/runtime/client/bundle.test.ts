/**
 * The client bundles for browsers as an app's bundler would make it (esbuild, `--platform=browser`): no Node
 * built-in anywhere in its graph (the build would fail), no MessagePack code in a JSON client, and an app that
 * uses only the Effect client does not ship the promise facade. Sizes are printed, never asserted.
 */
import * as Effect from "effect/Effect"
import { describe, expect, it } from "@effect/vitest"
import { Bundle } from "./Bundle.js"

describe("the client's browser bundles", () => {
  it.effect("build for the browser without Node built-ins or msgpackr; the Effect client leaves the facade out", () =>
    Effect.gen(function*() {
      const rows = yield* Bundle.all
      rows.forEach((r) => console.log(`${r.name}: ${(r.min / 1024).toFixed(1)} kB min, ${(r.gzip / 1024).toFixed(1)} kB gzip`))
      rows.forEach((r) => expect(Object.keys(r.packages), r.name).not.toContain("msgpackr"))
      const [effectOnly, generated, facade] = rows
      expect(effectOnly!.files.filter((f) => f.includes("runtime/client/promise/"))).toEqual([])
      expect(generated!.files.filter((f) => f.includes("runtime/client/promise/"))).toEqual([])
      expect(facade!.files.filter((f) => f.includes("runtime/client/promise/")).length).toBeGreaterThan(0)
      expect(generated!.files.filter((f) => /runtime\/(realtime|http\/Server|cluster)|handlers\//.test(f)), "no server module").toEqual([])
    }), 60_000)
})
