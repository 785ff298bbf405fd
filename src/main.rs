//! The page's entry point: everything lives in the library so browser tests can use it.
#![forbid(unsafe_code)]

fn main() {
    async_kitchen::boot::start();
}
