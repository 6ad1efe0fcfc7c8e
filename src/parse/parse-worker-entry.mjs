// Entry of the parse worker: register tsx in this thread (loader hooks are per thread on Node 20),
// then load the TypeScript worker. tsx resolves from hvspec's own install, not the current directory.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
