// corpus: run
// tokio::join! of three async fns with different sleeps: all three start before any sleep ends, each finishes after its own sleep, and their values are printed after the join, at 2 s.
use std::time::Duration;

async fn boil_water() -> u64 {
    println!("water on");
    tokio::time::sleep(Duration::from_millis(2000)).await;
    println!("water boils");
    100
}

async fn toast_bread() -> u64 {
    println!("bread in");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    println!("toast pops");
    2
}

async fn fry_egg() -> u64 {
    println!("egg in the pan");
    tokio::time::sleep(Duration::from_millis(700)).await;
    println!("egg fried");
    1
}

#[tokio::main]
async fn main() {
    let (degrees, slices, eggs) = tokio::join!(boil_water(), toast_bread(), fry_egg());
    println!("breakfast: water at {degrees} degrees, {slices} slices, {eggs} egg");
}
