// corpus: run
// futures::future::join_all of a vec of futures runs them together and gives their values in the vec's order, not the order they finish in, after 0.9 s.
use std::time::Duration;

async fn bake(minutes: u64) -> u64 {
    println!("tray of {minutes} goes in");
    tokio::time::sleep(Duration::from_millis(minutes * 100)).await;
    println!("tray of {minutes} comes out");
    minutes * 2
}

#[tokio::main]
async fn main() {
    let trays = vec![bake(9), bake(3), bake(6)];
    let cookies = futures::future::join_all(trays).await;
    println!("cookies per tray: {:?}", cookies);
}
