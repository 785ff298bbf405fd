// corpus: run
// The same two yielding loops under futures::join!, which polls them in order every time, and under tokio::join!, which starts each poll with the next branch, so its prints swap places.
async fn count(name: &str) {
    for i in 1..=3 {
        println!("{name} {i}");
        tokio::task::yield_now().await;
    }
}

#[tokio::main]
async fn main() {
    println!("futures::join!");
    futures::join!(count("a"), count("b"));
    println!("tokio::join!");
    tokio::join!(count("a"), count("b"));
}
