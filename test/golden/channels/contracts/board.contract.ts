/**
 * Golden scenario `channels`: a contract without `auth` that only declares channels, so anyone may subscribe;
 * its key is a number on the type side and a string on the wire.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("board", {
  channels: {
    /** The score of one match, keyed by its number. */
    Scores: Contract.channel({ key: Schema.NumberFromString, payload: Schema.Struct({ home: Schema.Int, away: Schema.Int }) })
  }
})
