// corpus: run
// A timer comes due while main computes: Tokio fires it before it resumes a task that yielded, so the sleeper wakes right after the spinner's first print, and the whole takes 0.6 s.
use std::time::Duration;

async fn sleeper() {
    tokio::time::sleep(Duration::from_millis(500)).await;
    println!("sleeper wakes");
}

async fn spinner() {
    for i in 0..3 {
        println!("spin {i}");
        tokio::task::yield_now().await;
    }
}

#[tokio::main]
async fn main() {
    let first = tokio::spawn(sleeper());
    tokio::task::yield_now().await;
    work(Duration::from_millis(600));
    let second = tokio::spawn(spinner());
    first.await.unwrap();
    second.await.unwrap();
}
