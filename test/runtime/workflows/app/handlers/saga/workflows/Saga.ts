// Handler stub created by effect-contracts from test/runtime/workflows/app/contracts/saga.contract.ts. Yours to edit: codegen never overwrites it.
import type { SqlClient } from "@effect/sql/SqlClient"
import type { SagaWorkflow } from "../../../generated/saga/workflows/Saga.js"
import { Saga } from "../../../Saga.js"

/**
 * Three compensated steps, an optional approval signal and durable sleep between steps 1 and 2.
 * The first build knows payload v1 only.
 */
export const SagaHandler: SagaWorkflow.Handler<SqlClient> = (input) =>
  Saga.run(input, { priority: "normal", payloadVersion: 1 })
