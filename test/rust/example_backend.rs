//! Example: a PSCI backend in a VMM, written against the generated crate.
//!
//! The VMM traps a guest's `hvc #0`, copies x0..x17 into a register file, calls
//! `dispatch_psci` with the argument registers and writes the result registers back (PSCI is
//! an SMCCC 1.0 interface: x1..x7 in, x0..x3 out; x4..x17 are left as the guest had them, as
//! SMCCC 1.1 callers expect). The backend implements only what it
//! supports; every other PSCI function answers PSCI_RET_NOT_SUPPORTED by default.
//!
//! Built and run by test/rust/crate.test.ts (`rustc --edition 2021 --test`) and shown in
//! docs/rust.md.

use hvspec_bindings::arm_psci::{
    dispatch_psci, PsciClient, PsciHandler, PsciReturnCodes, PSCI_0_2_FN64_CPU_ON,
    PSCI_0_2_FN_CPU_OFF, PSCI_0_2_FN_PSCI_VERSION, PSCI_ARG_REGISTERS, PSCI_RESULT_REGISTERS,
};
use hvspec_bindings::hypercall::{CallError, HypercallConduit};
use std::cell::RefCell;

/// Power state of each virtual CPU, and where a CPU started by CPU_ON begins.
#[derive(Default)]
struct Vcpus {
    online: [bool; 4],
    entry: [u64; 4],
}

impl PsciHandler for Vcpus {
    fn psci_version(&mut self) -> Result<u32, PsciReturnCodes> {
        Ok(0x0001_0001) // PSCI 1.1
    }

    fn cpu_on64(&mut self, target_cpu: u64, entry_point_address: u64, _context_id: u64) -> Result<i32, PsciReturnCodes> {
        let cpu = usize::try_from(target_cpu).ok().filter(|&cpu| cpu < self.online.len());
        let cpu = cpu.ok_or(PsciReturnCodes::InvalidParams)?;
        if self.online[cpu] {
            return Err(PsciReturnCodes::AlreadyOn);
        }
        self.online[cpu] = true;
        self.entry[cpu] = entry_point_address;
        Ok(0)
    }
}

/// The VMM's exit handler: the guest's x0..x17 in; the result registers out, the rest untouched.
fn handle_hvc(vcpus: &mut Vcpus, x: &mut [u64; 18]) {
    let mut args = [0u64; PSCI_ARG_REGISTERS];
    args.copy_from_slice(&x[1..=PSCI_ARG_REGISTERS]);
    let results: [u64; PSCI_RESULT_REGISTERS] = dispatch_psci(vcpus, x[0], &args);
    x[..PSCI_RESULT_REGISTERS].copy_from_slice(&results);
}

#[test]
fn backend_answers_the_guest() {
    let mut vcpus = Vcpus::default();

    let mut x = [0u64; 18];
    x[0] = u64::from(PSCI_0_2_FN_PSCI_VERSION);
    x[9] = 0xfeed; // a register beyond the results: the guest finds it as it left it
    handle_hvc(&mut vcpus, &mut x);
    assert_eq!(x[0], 0x0001_0001);
    assert_eq!(x[9], 0xfeed);

    let mut x = [0u64; 18];
    x[0] = u64::from(PSCI_0_2_FN64_CPU_ON);
    x[1] = 2; // target CPU
    x[2] = 0x8008_0000; // entry point
    handle_hvc(&mut vcpus, &mut x);
    assert_eq!(x[0], 0);
    assert!(vcpus.online[2]);
    assert_eq!(vcpus.entry[2], 0x8008_0000);

    // The same CPU again: PSCI_RET_ALREADY_ON (-4), sign-extended in x0.
    let mut x = [0u64; 18];
    x[0] = u64::from(PSCI_0_2_FN64_CPU_ON);
    x[1] = 2;
    handle_hvc(&mut vcpus, &mut x);
    assert_eq!(x[0] as i64, -4);

    // Not implemented by this backend: PSCI_RET_NOT_SUPPORTED (-1).
    let mut x = [0u64; 18];
    x[0] = u64::from(PSCI_0_2_FN_CPU_OFF);
    handle_hvc(&mut vcpus, &mut x);
    assert_eq!(x[0] as i64, -1);
}

/// In a guest, `PsciClient::new(PsciHvc)` calls the hypervisor with `hvc #0` (aarch64 only).
/// Here the conduit hands the register file to the backend above instead.
struct Loopback(RefCell<Vcpus>);

// SAFETY: no instruction is executed; the "call" is a function call into the backend.
unsafe impl HypercallConduit<PSCI_ARG_REGISTERS, PSCI_RESULT_REGISTERS> for Loopback {
    fn call(&self, function_id: u64, args: [u64; PSCI_ARG_REGISTERS]) -> [u64; PSCI_RESULT_REGISTERS] {
        dispatch_psci(&mut *self.0.borrow_mut(), function_id, &args)
    }
}

#[test]
fn guest_client_talks_to_the_backend() {
    let psci = PsciClient::new(Loopback(RefCell::new(Vcpus::default())));
    assert_eq!(psci.psci_version(), Ok(0x0001_0001));
    assert_eq!(psci.cpu_on64(1, 0x4000_0000, 0), Ok(0));
    assert_eq!(psci.cpu_on64(1, 0x4000_0000, 0), Err(CallError::Status(PsciReturnCodes::AlreadyOn)));
    assert_eq!(psci.cpu_on64(9, 0x4000_0000, 0), Err(CallError::Status(PsciReturnCodes::InvalidParams)));
    assert_eq!(psci.cpu_off(), Err(CallError::Status(PsciReturnCodes::NotSupported)));
}
