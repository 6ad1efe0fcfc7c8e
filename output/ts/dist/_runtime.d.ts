/** Why a decode or encode failed. */
export type CodecErrorCode = 
/** The view is too short for the value at the offset. */
'out-of-bounds'
/** An enum field holds a value the standard does not define. */
 | 'unknown-enum'
/** A reserved field or padding holds a non-zero byte. */
 | 'reserved-nonzero'
/** A protocol header names a message type the protocol does not define. */
 | 'unknown-message'
/** A number does not fit the field's type, or is not an integer. */
 | 'out-of-range'
/** An array does not have the length the standard fixes, or a trailing array is cut short. */
 | 'bad-length'
/** Two parts of a value disagree (a message header names another message type). */
 | 'mismatch'
/** A union value sets none of the union's members, or a member name is not one of them. */
 | 'unknown-member';
/** Base class of the errors the bindings throw; `field` and `offset` say where. */
export declare class CodecError extends Error {
    /** What went wrong. */
    readonly code: CodecErrorCode;
    /** The field at fault as the standard names it, e.g. `virtio_i2c_out_hdr.flags`. */
    readonly field: string;
    /** Absolute byte offset into the DataView where the field starts. */
    readonly offset: number;
    /** The offending value, when there is one. */
    readonly value: number | bigint | undefined;
    constructor(code: CodecErrorCode, field: string, offset: number, detail: string, value?: number | bigint);
}
/** Thrown by `decode*` functions: the bytes are not a valid value. */
export declare class DecodeError extends CodecError {
    constructor(code: CodecErrorCode, field: string, offset: number, detail: string, value?: number | bigint);
}
/** Thrown by `encode*` functions: the value cannot be written as the standard says. */
export declare class EncodeError extends CodecError {
    constructor(code: CodecErrorCode, field: string, offset: number, detail: string, value?: number | bigint);
}
/** How strictly `decode*` functions read. */
export interface DecodeOptions {
    /**
     * `'reject'` (the default): a non-zero reserved field throws a DecodeError with code
     * `reserved-nonzero`. `'ignore'`: reserved bytes are not looked at, as a reader that follows
     * "writers put zero, readers ignore" does.
     */
    readonly reserved?: 'reject' | 'ignore';
}
/**
 * Native-order (`u*`, `i*`) fields are encoded little-endian: every architecture the model knows
 * (aarch64, x86_64) runs little-endian. Explicit `le*`/`be*` fields always use their own order.
 */
export declare const NATIVE_LITTLE_ENDIAN = true;
/** Throws unless `size` bytes starting at `offset` lie inside the view. */
export declare function checkDecodeBounds(view: DataView, offset: number, size: number, what: string): void;
/** Throws unless `size` bytes starting at `offset` lie inside the view. */
export declare function checkEncodeBounds(view: DataView, offset: number, size: number, what: string): void;
/** Sets `size` bytes to zero: padding and reserved fields are written as zero. */
export declare function zeroBytes(view: DataView, offset: number, size: number): void;
/** Throws (unless told to ignore reserved bytes) when any of `size` bytes is not zero. */
export declare function checkReserved(view: DataView, offset: number, size: number, field: string, options: DecodeOptions): void;
/** Returns `value` if `isKnown` accepts it; otherwise throws a DecodeError naming the field. */
export declare function checkEnum<T extends number | bigint>(value: number | bigint, isKnown: (v: unknown) => v is T, field: string, offset: number): T;
/** Returns `value` if `isKnown` accepts it; otherwise throws an EncodeError naming the field. */
export declare function checkKnown<T extends number | bigint>(value: T, isKnown: (v: unknown) => v is T, field: string, offset: number): T;
/** Returns `value` if it is an integer that fits `bits` bits (signed or not). */
export declare function checkInt(value: number, bits: 8 | 16 | 32, signed: boolean, field: string, offset: number): number;
/** Returns `value` if it is a bigint that fits 64 bits (signed or not). */
export declare function checkBigInt(value: bigint, signed: boolean, field: string, offset: number): bigint;
/** Throws unless the array has exactly `length` elements. */
export declare function checkLength(array: ArrayLike<unknown>, length: number, field: string, offset: number): void;
/** A copy of `length` bytes (the result does not alias the view). */
export declare function readBytes(view: DataView, offset: number, length: number): Uint8Array;
/** Copies `bytes` into the view; `length`, when given, is the exact length required. */
export declare function writeBytes(view: DataView, offset: number, bytes: Uint8Array, length: number | null, field: string): void;
/** How many whole elements of `elementSize` bytes lie between `offset` and the end of the view. */
export declare function trailingCount(view: DataView, offset: number, elementSize: number, field: string): number;
/** A named bit range inside an integer field: its lowest bit and its width. */
export interface BitRange {
    readonly bit: number;
    readonly width: number;
}
/** The value of a bit range inside a number field (up to 53 bits, so no 32-bit `>>`). */
export declare function getBits(raw: number, range: BitRange): number;
/** `raw` with a bit range replaced by `value`. */
export declare function setBits(raw: number, range: BitRange, value: number): number;
/** The value of a bit range inside a 64-bit field. */
export declare function getBigBits(raw: bigint, range: BitRange): bigint;
/** `raw` with a bit range of a 64-bit field replaced by `value`. */
export declare function setBigBits(raw: bigint, range: BitRange, value: bigint): bigint;
/** `value` as an unsigned 64-bit integer (two's complement for negatives), e.g. for a register. */
export declare function asU64(value: bigint | number): bigint;
/** `value` as a signed 64-bit integer, e.g. a negative error code read from a 64-bit register. */
export declare function asI64(value: bigint | number): bigint;
/** Splits a 64-bit value into its 32-bit halves, as SMC32 calls pass one in two registers. */
export declare function splitU64(value: bigint): {
    readonly low: number;
    readonly high: number;
};
/** Joins two 32-bit halves into an unsigned 64-bit value. */
export declare function joinU64(low: number, high: number): bigint;
/** A bigint as a number when it is exactly representable (|value| <= 2^53 - 1), else a RangeError. */
export declare function toSafeNumber(value: bigint): number;
