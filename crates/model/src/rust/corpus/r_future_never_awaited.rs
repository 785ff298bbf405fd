// corpus: run
// Calling an async fn without .await only makes a future: rustc warns that it is unused, nothing of it runs, and the program takes no time.
use std::time::Duration;

async fn say_hello() {
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("hello");
}

#[tokio::main]
async fn main() {
    println!("before");
    say_hello();
    println!("after");
}
