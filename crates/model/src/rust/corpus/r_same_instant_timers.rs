// corpus: run
// Deliberately, two spawned tasks and then main arm timers that fall due at the same instant, 100 ms: Tokio resumes main first, then the tasks in the order they armed theirs.
use std::time::Duration;

async fn bell(name: &str) {
    println!("{name} bell armed");
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("{name} bell rings");
}

#[tokio::main]
async fn main() {
    let first = tokio::spawn(bell("first"));
    let second = tokio::spawn(bell("second"));
    tokio::task::yield_now().await;
    bell("main's").await;
    first.await.unwrap();
    second.await.unwrap();
}
