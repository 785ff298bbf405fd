// corpus: run
// A spawned task whose handle is dropped starts, but main ends first, at 0.2 s, and the runtime drops the task before its second line.
use std::time::Duration;

#[tokio::main]
async fn main() {
    println!("main starts");
    tokio::spawn(async {
        println!("timer set for 1 s");
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("timer rings");
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    println!("main done");
}
