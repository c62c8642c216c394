#!/usr/bin/env node
// The `codegen` bin: contracts are TypeScript, so register tsx before loading the CLI.
import { register } from "tsx/esm/api"

register()
void import("./main.ts")
