/**
 * RPC_STREAM_CHANGED: an RPC or entity message switched between a single response and a stream.
 * The two sides then disagree on the shape of every response, whatever the schemas say.
 */
import { Rule } from "../Rule.js"

const _stream = (slots: ReadonlyArray<Rule.Slot>): boolean | undefined => slots.find((s) => s.path.endsWith(".success"))?.stream

export const RpcStreamChanged = Rule.make({
  id: "RPC_STREAM_CHANGED",
  purpose: "An RPC or entity message switched between a single response and a stream.",
  categories: ["DECLARATION", "WIRE"],
  severity: "breaking",
  check: {
    Declaration: (site) => {
      const before = _stream(site.previous)
      const now = _stream(site.current)
      return before === undefined || now === undefined || before === now ? [] : Rule.hit(
        site.path,
        Rule.both,
        now ? "now streams its responses" : "no longer streams its responses",
        "callers on the other version expect the other response shape (one value vs. a stream of chunks)",
        "add a new RPC with the new response shape and retire the old one once no caller uses it"
      )
    }
  }
})
