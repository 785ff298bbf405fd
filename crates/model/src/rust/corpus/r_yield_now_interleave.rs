// corpus: run
// Two tasks that never sleep but yield after every print take turns, main first, and take no time.
fn main() {
    trpl::run(async {
        let pong = trpl::spawn_task(async {
            for i in 1..=3 {
                println!("pong {i}");
                trpl::yield_now().await;
            }
        });
        for i in 1..=3 {
            println!("ping {i}");
            trpl::yield_now().await;
        }
        pong.await.unwrap();
    });
}
