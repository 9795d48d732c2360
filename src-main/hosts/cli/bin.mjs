#!/usr/bin/env node
// The `keyhub` launcher: lets Node load the TypeScript CLI through tsx, then runs it.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./main.ts', import.meta.url).href);
