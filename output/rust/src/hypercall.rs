//! What every generated hypercall interface shares: register conversions, the conduit trait a
//! guest-side client calls through, and the error type of client calls.
//!
//! A register file is a function ID plus `[u64; N]` argument registers and `[u64; M]` result
//! registers, in the order of the interface's calling convention (SMCCC on AArch64: x1..x17 in,
//! x0..x17 out). A backend's dispatcher and a guest's client meet at that register file, so a
//! client can be tested against a dispatcher with no hypervisor in between.

/// A value that travels in one 64-bit register.
pub trait RegisterValue: Sized + Copy {
    /// Reads the value from a register; `None` when the bits are not a valid value (an enum's
    /// unknown value). Integers narrower than 64 bits take the low bits (SMC32 `w` registers).
    fn from_register(raw: u64) -> Option<Self>;

    /// The register bits for the value; signed values are sign-extended to 64 bits.
    fn to_register(self) -> u64;
}

macro_rules! unsigned_register {
    ($($int:ty),*) => {$(
        impl RegisterValue for $int {
            fn from_register(raw: u64) -> Option<Self> {
                Some(raw as $int)
            }
            fn to_register(self) -> u64 {
                self as u64
            }
        }
    )*};
}

macro_rules! signed_register {
    ($($int:ty),*) => {$(
        impl RegisterValue for $int {
            fn from_register(raw: u64) -> Option<Self> {
                Some(raw as $int)
            }
            fn to_register(self) -> u64 {
                self as i64 as u64
            }
        }
    )*};
}

macro_rules! endian_register {
    ($($name:ident: $int:ty),*) => {$(
        impl RegisterValue for crate::endian::$name {
            fn from_register(raw: u64) -> Option<Self> {
                Some(Self::new(raw as $int))
            }
            fn to_register(self) -> u64 {
                self.get() as u64
            }
        }
    )*};
}

unsigned_register!(u8, u16, u32, u64);
signed_register!(i8, i16, i32, i64);
endian_register!(Le16: u16, Le32: u32, Le64: u64, Be16: u16, Be32: u32, Be64: u64);

/// An error status of an interface: its error enum, or `i64` when the standard defines none.
pub trait StatusCode: Sized + Copy {
    /// The status for a negative value of the first result register, if the standard defines it.
    fn from_status(status: i64) -> Option<Self>;

    /// The value written to the first result register (negative for errors).
    fn to_status(self) -> i64;
}

impl StatusCode for i64 {
    fn from_status(status: i64) -> Option<Self> {
        Some(status)
    }
    fn to_status(self) -> i64 {
        self
    }
}

/// Why a guest-side call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallError<E> {
    /// The callee answered with an error status the standard defines.
    Status(E),
    /// The callee answered with a negative status or a result the standard does not define
    /// (the raw register value).
    Unexpected(u64),
}

/// A way to make calls of one interface: an instruction (`hvc`, `smc`, `vmcall`, ...), or in
/// tests a mock that hands the register file to a dispatcher.
///
/// # Safety
///
/// A hypercall can change any state of the machine (turn cores off, map memory). An implementor
/// promises that `call` follows the calling convention (registers in, registers out, clobbers)
/// and that the calls its users make are sound on the platform; the generated clients call it
/// from safe code.
pub unsafe trait HypercallConduit<const ARGS: usize, const RESULTS: usize> {
    /// Makes one call: `function_id` in the ID register, `args` in the argument registers,
    /// returns the result registers.
    fn call(&self, function_id: u64, args: [u64; ARGS]) -> [u64; RESULTS];
}
