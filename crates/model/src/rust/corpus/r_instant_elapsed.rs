// corpus: run
// An Instant read around sequential awaits, its elapsed time printed as Debug, with two decimals, in milliseconds and in seconds: 1.25 s.
use std::time::{Duration, Instant};

async fn steep(millis: u64) {
    tokio::time::sleep(Duration::from_millis(millis)).await;
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    steep(1000).await;
    println!("first cup after {:?}", start.elapsed());
    steep(250).await;
    println!("second cup after {:.2?}", start.elapsed());
    println!("in ms: {}", start.elapsed().as_millis());
    println!("in s: {}", start.elapsed().as_secs_f64());
}
