//! Byte-order-explicit integers and the byte codec every generated type implements.
//!
//! `Le16`..`Be64` hold an integer in a fixed byte order (virtio is little-endian, RPMB frames are
//! big-endian). They are `#[repr(transparent)]` over the integer of the same width, so a struct
//! field of type `Le32` has the layout and alignment of the C `__le32` it mirrors, and a value in
//! the wrong byte order does not type-check: read it with `get()`, write it with `new()`.
//!
//! `Wire` is the fixed-size byte encoding: every generated struct, union, enum storage and array
//! implements it, field by field at the offsets the standard gives, with explicit byte order.

use core::fmt;

/// Why a value could not be encoded into or decoded from a byte buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodecError {
    /// The buffer holds fewer bytes than the value needs.
    BufferTooShort {
        /// Bytes the value needs.
        needed: usize,
        /// Bytes the buffer has.
        available: usize,
    },
    /// A message header names a message type the protocol does not define.
    UnknownMessage(u64),
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodecError::BufferTooShort { needed, available } => {
                write!(f, "buffer too short: need {} bytes, have {}", needed, available)
            }
            CodecError::UnknownMessage(kind) => write!(f, "unknown message type {}", kind),
        }
    }
}

/// A raw value that an enum does not define (the error of the generated `TryFrom` impls).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownValue<T>(pub T);

/// Fixed-size byte encoding with explicit byte order.
///
/// `encode` and `decode` take slices of at least `SIZE` bytes and panic on shorter ones;
/// `to_bytes` and `from_bytes` check the length and never panic.
pub trait Wire: Sized + Copy {
    /// Encoded size in bytes.
    const SIZE: usize;

    /// Writes the value into `out[..SIZE]`. Panics if `out` is shorter than `SIZE`.
    fn encode(&self, out: &mut [u8]);

    /// Reads a value from `bytes[..SIZE]`. Panics if `bytes` is shorter than `SIZE`.
    fn decode(bytes: &[u8]) -> Self;

    /// Writes the value at the start of `out` and returns the number of bytes written.
    fn to_bytes(&self, out: &mut [u8]) -> Result<usize, CodecError> {
        if out.len() < Self::SIZE {
            return Err(CodecError::BufferTooShort { needed: Self::SIZE, available: out.len() });
        }
        self.encode(&mut out[..Self::SIZE]);
        Ok(Self::SIZE)
    }

    /// Reads a value from the start of `bytes`; bytes after `SIZE` are ignored.
    fn from_bytes(bytes: &[u8]) -> Result<Self, CodecError> {
        if bytes.len() < Self::SIZE {
            return Err(CodecError::BufferTooShort { needed: Self::SIZE, available: bytes.len() });
        }
        Ok(Self::decode(&bytes[..Self::SIZE]))
    }
}

/// Native-endian integers: host byte order, as in registers and in-memory hypercall arguments.
macro_rules! native_wire {
    ($($int:ty),*) => {$(
        impl Wire for $int {
            const SIZE: usize = core::mem::size_of::<$int>();
            fn encode(&self, out: &mut [u8]) {
                out[..Self::SIZE].copy_from_slice(&self.to_ne_bytes());
            }
            fn decode(bytes: &[u8]) -> Self {
                let mut raw = [0u8; core::mem::size_of::<$int>()];
                raw.copy_from_slice(&bytes[..Self::SIZE]);
                <$int>::from_ne_bytes(raw)
            }
        }
    )*};
}

native_wire!(u8, u16, u32, u64, i8, i16, i32, i64);

impl<T: Wire, const N: usize> Wire for [T; N] {
    const SIZE: usize = T::SIZE * N;
    fn encode(&self, out: &mut [u8]) {
        for (index, element) in self.iter().enumerate() {
            element.encode(&mut out[index * T::SIZE..(index + 1) * T::SIZE]);
        }
    }
    fn decode(bytes: &[u8]) -> Self {
        core::array::from_fn(|index| T::decode(&bytes[index * T::SIZE..(index + 1) * T::SIZE]))
    }
}

macro_rules! endian_int {
    ($name:ident, $int:ty, $to:ident, $from:ident, $to_bytes:ident, $from_bytes:ident, $order:literal) => {
        #[doc = concat!("A `", stringify!($int), "` stored ", $order, "; `new` and `get` convert.")]
        #[repr(transparent)]
        #[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $name($int);

        impl $name {
            /// The value `value`, stored in this type's byte order.
            pub const fn new(value: $int) -> Self {
                Self(value.$to())
            }

            /// The value, in host byte order.
            pub const fn get(self) -> $int {
                <$int>::$from(self.0)
            }

            /// Replaces the value.
            pub fn set(&mut self, value: $int) {
                *self = Self::new(value);
            }

            /// The bytes as they lie in memory or on the wire.
            pub const fn to_raw_bytes(self) -> [u8; core::mem::size_of::<$int>()] {
                self.get().$to_bytes()
            }

            /// The value whose memory or wire bytes are `bytes`.
            pub const fn from_raw_bytes(bytes: [u8; core::mem::size_of::<$int>()]) -> Self {
                Self::new(<$int>::$from_bytes(bytes))
            }
        }

        impl From<$int> for $name {
            fn from(value: $int) -> Self {
                Self::new(value)
            }
        }

        impl From<$name> for $int {
            fn from(value: $name) -> Self {
                value.get()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:#x})", stringify!($name), self.get())
            }
        }

        impl Wire for $name {
            const SIZE: usize = core::mem::size_of::<$int>();
            fn encode(&self, out: &mut [u8]) {
                out[..Self::SIZE].copy_from_slice(&self.to_raw_bytes());
            }
            fn decode(bytes: &[u8]) -> Self {
                let mut raw = [0u8; core::mem::size_of::<$int>()];
                raw.copy_from_slice(&bytes[..Self::SIZE]);
                Self::from_raw_bytes(raw)
            }
        }
    };
}

endian_int!(Le16, u16, to_le, from_le, to_le_bytes, from_le_bytes, "little-endian");
endian_int!(Le32, u32, to_le, from_le, to_le_bytes, from_le_bytes, "little-endian");
endian_int!(Le64, u64, to_le, from_le, to_le_bytes, from_le_bytes, "little-endian");
endian_int!(Be16, u16, to_be, from_be, to_be_bytes, from_be_bytes, "big-endian");
endian_int!(Be32, u32, to_be, from_be, to_be_bytes, from_be_bytes, "big-endian");
endian_int!(Be64, u64, to_be, from_be, to_be_bytes, from_be_bytes, "big-endian");
