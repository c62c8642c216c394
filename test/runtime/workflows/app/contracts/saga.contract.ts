/**
 * The workflow tests' app, first build: a three-step saga whose steps record their runs and compensations
 * in SQL, with faults injected through the payload. Payload v1 only.
 */
import { Contract } from "effect-contracts"
import { Shared } from "./shared.js"

export default Contract.make("saga", {
  workflows: {
    /** Three compensated steps, an optional approval signal and durable sleep between steps 1 and 2. */
    Saga: Contract.workflow({
      versions: [Shared.SagaV1],
      idempotencyKey: (p) => p.runId,
      success: Shared.SagaDone,
      error: Shared.StepFailed
    })
  }
})
