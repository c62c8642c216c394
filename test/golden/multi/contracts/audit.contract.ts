/**
 * Golden scenario `multi`, contract three of three: only one section (events), so it gets an events
 * module and an empty layer, and no RPCs, client or stubs.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("audit", {
  events: {
    /** Someone signed in. */
    SignedIn: Contract.event({
      payload: Schema.Struct({ user: Schema.String, at: Schema.DateTimeUtc }),
      key: (e) => `${e.user}/${e.at.epochMillis}`
    })
  }
})
