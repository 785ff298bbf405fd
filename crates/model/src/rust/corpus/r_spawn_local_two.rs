// corpus: run
// Two tasks started with spawn_local run in the order they were spawned until their first timeout, then as their timers fall due: the shorter one ends first, at 0.4 s, the whole at 0.6 s.
use gloo_timers::future::TimeoutFuture;

async fn pot(name: &str, millis: u32) {
    println!("{name} on the stove");
    TimeoutFuture::new(millis).await;
    println!("{name} done");
}

fn main() {
    wasm_bindgen_futures::spawn_local(pot("rice", 600));
    wasm_bindgen_futures::spawn_local(pot("sauce", 400));
    println!("both pots started");
}
