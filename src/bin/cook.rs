//! A cook: the Web Worker of the processes mode. Trunk builds this binary as a worker beside the
//! page; the page starts it from `cook_loader.js` and sends it tasks (see `runtime::cooks`).
#![forbid(unsafe_code)]

fn main() {
    async_kitchen::runtime::cooks::serve();
}
