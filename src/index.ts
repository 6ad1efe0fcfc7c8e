export { compileCorpus } from './compile.ts';
