// corpus: run
// futures::join! of two loops with different naps: each prints when its own nap ends, and the join ends with the slower loop, at 1 s.
use std::time::Duration;

#[tokio::main]
async fn main() {
    let stir = async {
        for i in 1..=3 {
            println!("stir {i}");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    };
    let taste = async {
        for i in 1..=2 {
            println!("taste {i}");
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        println!("tasted enough");
    };
    futures::join!(stir, taste);
    println!("soup is ready");
}
