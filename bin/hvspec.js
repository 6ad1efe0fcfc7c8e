#!/usr/bin/env node
// hvspec is written in TypeScript and runs through tsx's loader: no build step to forget, and
// `npx hvspec` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
