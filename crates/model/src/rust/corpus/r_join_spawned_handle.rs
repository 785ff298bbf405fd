// corpus: run
// A spawned task's handle joined with a future: the task runs from its spawn (before the join is reached), the joined future from the join, and the join waits for both.
use std::time::Duration;

async fn tick(name: &str, ms: u64) {
    println!("{name} starts");
    trpl::sleep(Duration::from_millis(ms)).await;
    println!("{name} ends");
}

fn main() {
    trpl::run(async {
        let early = trpl::spawn_task(tick("early", 300));
        trpl::sleep(Duration::from_millis(100)).await;
        let (a, b) = trpl::join!(early, tick("joined", 100));
        println!("{a:?} {b:?}");
    });
}
