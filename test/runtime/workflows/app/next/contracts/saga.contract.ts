/**
 * The workflow tests' app, second build: the same workflow (`Saga`) redeployed with payload versions
 * [v1, v2], so a run started by the first build (`../contracts`) finishes on pods of this one.
 */
import { Contract } from "effect-contracts"
import { Shared } from "../../contracts/shared.js"

export default Contract.make("saga", {
  workflows: {
    /** Three compensated steps, an optional approval signal and durable sleep between steps 1 and 2. */
    Saga: Contract.workflow({
      versions: [Shared.SagaV1, Shared.SagaV2],
      idempotencyKey: (p) => p.runId,
      success: Shared.SagaDone,
      error: Shared.StepFailed
    })
  }
})
