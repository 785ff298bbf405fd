// corpus: run
// A join of a join and a third future: the inner pair runs beside the third as one future, and the whole takes the longest of the three, 0.8 s.
use std::time::Duration;

async fn chop(millis: u64) {
    println!("chop for {millis} ms");
    trpl::sleep(Duration::from_millis(millis)).await;
    println!("chopped after {millis} ms");
}

fn main() {
    trpl::block_on(async {
        let prep = trpl::join(chop(300), chop(500));
        trpl::join!(prep, chop(800));
        println!("all chopped");
    });
}
