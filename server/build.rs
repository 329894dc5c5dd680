//! How the server binary is linked.
//!
//! On Linux with glibc 2.36 or later, the binary's relative relocations are packed
//! (`-z pack-relative-relocs`, DT_RELR): about 1.4 MB of relocation records, read once at start
//! and then resident for the process's life, become a few kilobytes. The C library is asked
//! first: only when it supports packed relocations (it defines `GLIBC_ABI_DT_RELR`) is the
//! option given, and then the binary names that requirement, so an older system refuses to
//! start it with a clear message instead of running it half-relocated.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let native = var("TARGET") == var("HOST");
    if !native || var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let Ok(found) = Command::new(cc).arg("-print-file-name=libc.so.6").output() else {
        return;
    };
    let path = String::from_utf8_lossy(&found.stdout).trim().to_owned();
    let supported = std::fs::read(&path).is_ok_and(|libc| {
        libc.windows(b"GLIBC_ABI_DT_RELR".len())
            .any(|w| w == b"GLIBC_ABI_DT_RELR")
    });
    if supported {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
