#!/usr/bin/env node
// The `ipsafezone` command: registers tsx so Node 20 can run the TypeScript CLI, then starts it.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
