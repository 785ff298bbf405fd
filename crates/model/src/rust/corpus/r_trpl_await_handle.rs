// corpus: run
// Awaiting a spawned task's handle lets it finish: its nine 250 ms naps outlast main's four 400 ms ones, and the program ends with it at 2.25 s.
use std::time::Duration;

fn main() {
    trpl::run(async {
        let handle = trpl::spawn_task(async {
            for i in 1..10 {
                println!("hi number {i} from the first task!");
                trpl::sleep(Duration::from_millis(250)).await;
            }
        });

        for i in 1..5 {
            println!("hi number {i} from the second task!");
            trpl::sleep(Duration::from_millis(400)).await;
        }

        handle.await.unwrap();
    });
}
