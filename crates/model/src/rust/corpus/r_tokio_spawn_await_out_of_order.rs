// corpus: run
// Three spawned deliveries start at once; awaiting them in another order changes only when main hears of each, and the whole takes the longest, 3 s.
use std::time::Duration;

async fn delivery(seconds: u64) -> u64 {
    println!("delivery of {seconds} s sets off");
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    println!("delivery of {seconds} s arrives");
    seconds
}

#[tokio::main]
async fn main() {
    let van = tokio::spawn(delivery(3));
    let bike = tokio::spawn(delivery(1));
    let truck = tokio::spawn(delivery(2));
    println!("main got {}", truck.await.unwrap());
    println!("main got {}", van.await.unwrap());
    println!("main got {}", bike.await.unwrap());
}
