/**
 * Errors the generator reports: one tagged error per problem, each pointing at `file:line` with a fix
 * hint. Collected, never thrown one by one, so a user sees every problem of a run at once.
 */
import * as Data from "effect/Data"

/** A problem in a contract: where it is, what is wrong, and how to fix it. */
export class ContractError extends Data.TaggedError("ContractError")<{
  readonly file: string
  readonly line: number
  readonly message: string
  readonly hint: string
}> {
  /** `file:line: message` followed by an indented hint, as compilers print it. */
  static readonly format = (e: ContractError): string => `${e.file}:${e.line}: error: ${e.message}\n  hint: ${e.hint}`
}

/** Every problem found in one run; exit code 2. */
export class ContractErrors extends Data.TaggedError("ContractErrors")<{
  readonly errors: ReadonlyArray<ContractError>
}> {
  override get message(): string {
    return this.errors.map(ContractError.format).join("\n")
  }
}
