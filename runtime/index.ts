/**
 * The package entry: only the isomorphic contract DSL, so contracts and browser bundles stay small.
 */
export { Contract } from "./contract/Contract.js"
