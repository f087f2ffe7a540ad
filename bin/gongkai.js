#!/usr/bin/env node
// The `gongkai` command: runs the TypeScript sources through tsx (no build step, see docs/adr/0004).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
