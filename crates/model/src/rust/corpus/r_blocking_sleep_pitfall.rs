// corpus: run
// std::thread::sleep inside an async fn holds the whole thread: the ticker's tick due at 100 ms waits until the 500 ms block ends, and the program takes 0.75 s.
use std::time::{Duration, Instant};

async fn chop() {
    println!("chopping starts");
    std::thread::sleep(Duration::from_millis(500));
    println!("chopping ends");
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let ticker = tokio::spawn(async move {
        for i in 1..=3 {
            println!("tick {i} at {:?}", start.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    chop().await;
    ticker.await.unwrap();
}
