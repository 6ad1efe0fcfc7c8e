/**
 * Cross-language sample library: the Rust and TypeScript tests fill the same structs with the
 * same samples and compare their bytes with C's (cStructBytes) and with the model's
 * (modelStructBytes).
 */
export { findStruct, modelStructBytes, sampleStruct, toHex, type SampleValue } from './sample.ts';
export { cStructBytes, cStructBytesProgram } from './c-bytes.ts';
