// corpus: run
// The book's first example: a spawned task and main's loop take turns every 500 ms (their timers fall due at the same instants), and the spawned task stops, unfinished, when main's future ends at 2 s.
use std::time::Duration;

fn main() {
    trpl::run(async {
        trpl::spawn_task(async {
            for i in 1..10 {
                println!("hi number {i} from the first task!");
                trpl::sleep(Duration::from_millis(500)).await;
            }
        });

        for i in 1..5 {
            println!("hi number {i} from the second task!");
            trpl::sleep(Duration::from_millis(500)).await;
        }
    });
}
