// corpus: run
// In the browser: spawn_local starts a task after main returns, whose gloo-timers timeouts, 300 ms then 200 ms, are awaited one after the other, 0.5 s.
use std::time::Duration;

use gloo_timers::future::TimeoutFuture;

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        println!("oven on");
        TimeoutFuture::new(300).await;
        println!("oven hot");
        gloo_timers::future::sleep(Duration::from_millis(200)).await;
        println!("pizza baked");
    });
    println!("main returns");
}
