// corpus: run
// A loop of growing sleeps printing the time elapsed since the start: 250 ms, 750 ms and 1.5 s.
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let start = Instant::now();
    for i in 1..=3 {
        tokio::time::sleep(Duration::from_millis(250 * i)).await;
        println!("nap {i} done at {:?}", start.elapsed());
    }
}
