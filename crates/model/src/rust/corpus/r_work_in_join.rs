// corpus: run
// work(..) in joined futures holds the thread: the two kneads run one after the other, the rests overlap, and the total is 0.7 s of work plus the last rest, 1.1 s.
use std::time::{Duration, Instant};

async fn knead(batch: u64, millis: u64) {
    println!("knead batch {batch}");
    work(Duration::from_millis(millis));
    println!("rest batch {batch}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    println!("batch {batch} risen");
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    tokio::join!(knead(1, 300), knead(2, 400));
    println!("Total time: {:.2} s", start.elapsed().as_secs_f64());
}
