/**
 * The cluster tests' app: an entity whose handlers record side effects in SQL, and a schedule that
 * records its ticks, so multi-pod tests can count what ran where, and how often.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

/** Which pod and shard handled a message. */
const Handled = Schema.Struct({ pod: Schema.String, shard: Schema.String })

export default Contract.make("probe", {
  entities: {
    /** One probe per id; messages land on whichever pod owns the id's shard. */
    Probe: Contract.entity({
      rpcs: {
        /** Persisted: records one side effect per message id, deduplicated by the primary key. */
        Hit: Contract.rpc({
          payload: { messageId: Schema.String },
          success: Handled,
          persisted: true,
          primaryKey: (p) => p.messageId
        }),
        /** Volatile: says where the entity lives and when the handler started (epoch ms). */
        Where: Contract.rpc({ payload: { sentAt: Schema.Number }, success: Schema.Struct({ pod: Schema.String, shard: Schema.String, startedAt: Schema.Number }) })
      },
      concurrency: "unbounded"
    })
  },
  schedules: {
    /** Every second: records the tick, so tests see duplicates, misses and lateness. */
    Tick: Contract.schedule({ cron: "* * * * * *", skipIfOlderThan: "10 seconds" })
  }
})
