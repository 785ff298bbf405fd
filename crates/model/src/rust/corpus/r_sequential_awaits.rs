// corpus: run
// Awaiting three async fns one after another runs them one after another: the total is the sum of their sleeps, 1.8 s.
use std::time::Duration;

async fn step(name: &str, millis: u64) -> u64 {
    println!("{name} starts");
    trpl::sleep(Duration::from_millis(millis)).await;
    println!("{name} ends");
    millis
}

fn main() {
    trpl::run(async {
        let a = step("wash", 500).await;
        let b = step("cut", 600).await;
        let c = step("cook", 700).await;
        println!("took {} ms in all", a + b + c);
    });
}
