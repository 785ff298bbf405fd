// corpus: panic
// futures::executor::block_on is no runtime: the first Tokio timer made inside it panics, after the line printed before it.
use std::time::Duration;

fn main() {
    futures::executor::block_on(async {
        println!("the kettle goes on");
        tokio::time::sleep(Duration::from_millis(300)).await;
        println!("the kettle boils");
    });
}
