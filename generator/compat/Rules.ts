/**
 * Every compatibility rule, in report order. Each rule lives in its own file under `rules/` with its
 * ID, purpose and categories, and its own test folder under `test/compat/<RULE_ID>/`.
 */
import type { Rule } from "./Rule.js"
import { AuthAdded } from "./rules/AuthAdded.js"
import { DeclarationRemoved } from "./rules/DeclarationRemoved.js"
import { EnumValueAdded } from "./rules/EnumValueAdded.js"
import { EnumValueRemoved } from "./rules/EnumValueRemoved.js"
import { FieldAddedRequired } from "./rules/FieldAddedRequired.js"
import { FieldMadeOptional } from "./rules/FieldMadeOptional.js"
import { FieldMadeRequired } from "./rules/FieldMadeRequired.js"
import { FieldRemoved } from "./rules/FieldRemoved.js"
import { FieldRenamed } from "./rules/FieldRenamed.js"
import { NullabilityNarrowed } from "./rules/NullabilityNarrowed.js"
import { NullabilityWidened } from "./rules/NullabilityWidened.js"
import { RefinementRelaxed } from "./rules/RefinementRelaxed.js"
import { RefinementTightened } from "./rules/RefinementTightened.js"
import { RpcStreamChanged } from "./rules/RpcStreamChanged.js"
import { TransformationChanged } from "./rules/TransformationChanged.js"
import { TupleElementAdded } from "./rules/TupleElementAdded.js"
import { TupleElementOptionality } from "./rules/TupleElementOptionality.js"
import { TupleElementRemoved } from "./rules/TupleElementRemoved.js"
import { TypeChanged } from "./rules/TypeChanged.js"
import { TypeSideChanged } from "./rules/TypeSideChanged.js"
import { UnionMemberAdded } from "./rules/UnionMemberAdded.js"
import { UnionMemberRemoved } from "./rules/UnionMemberRemoved.js"
import { ValidationChanged } from "./rules/ValidationChanged.js"

export const Rules: ReadonlyArray<Rule> = [
  DeclarationRemoved,
  AuthAdded,
  RpcStreamChanged,
  FieldAddedRequired,
  FieldRemoved,
  FieldMadeRequired,
  FieldMadeOptional,
  FieldRenamed,
  TypeChanged,
  EnumValueAdded,
  EnumValueRemoved,
  NullabilityWidened,
  NullabilityNarrowed,
  UnionMemberAdded,
  UnionMemberRemoved,
  TupleElementAdded,
  TupleElementRemoved,
  TupleElementOptionality,
  RefinementTightened,
  RefinementRelaxed,
  ValidationChanged,
  TransformationChanged,
  TypeSideChanged
]
