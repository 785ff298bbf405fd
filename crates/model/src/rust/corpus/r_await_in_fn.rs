// corpus: error E0728
// .await inside a plain fn: rustc refuses it, because only an async fn or block can wait.
use std::time::Duration;

fn nap() {
    trpl::sleep(Duration::from_millis(100)).await;
}

fn main() {
    trpl::run(async {
        nap();
    });
}
