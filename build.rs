//! Links the page's wasm with its relocations when the `split` feature is on, so that
//! `wasm-split-cli` (build/release.mjs) can move the lazy items' code into modules of their own.
//!
//! Only the page's binary, only for wasm: the cook's worker, the tests and every build without the
//! feature link as before (a `rustflags` in .cargo/config.toml would reach them all, and changing
//! `RUSTFLAGS` would rebuild every dependency).

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if split && wasm {
        println!("cargo::rustc-link-arg-bin=async-kitchen=--emit-relocs");
    }
}
