//! Busy-waiting and computing: the two ways the runtime holds a thread on purpose.
//!
//! On the page's one thread, `work` is a busy-wait on the clock: nothing else can run meanwhile, so
//! spinning until a deadline is exactly as long as the work would be. On a cook sharing the cores
//! with other cooks that is no longer true: a busy-wait ends on time however little of a core it
//! got, so four cooks on two cores would all "finish" together. There `work` is real computation
//! instead, calibrated on the page (rounds a millisecond), which takes longer when its thread waits
//! for a core: what CPU-bound work does.

use std::hint::black_box;

use super::clock::{fresh, now};

/// Rounds of [`compute`] done by one call of its chunk function.
const CHUNK: u64 = 4_096;

/// Spins on the clock for `ms` milliseconds without giving the thread back.
///
/// This is what `work` is (a cook busy with their hands) and what a blocking `wait` is (`time.sleep`):
/// while it runs, no timer fires, no future is polled and the page draws no frame.
pub fn busy_wait(ms: f64) {
    busy_until(now() + ms);
}

/// Spins on the clock until it reads `deadline` (a `performance.now()` time) or later.
pub fn busy_until(deadline: f64) {
    loop {
        let at = now();
        if at >= deadline {
            // Facts recorded next (the step's end) are stamped no earlier than this.
            fresh(at);
            return;
        }
        std::hint::spin_loop();
    }
}

/// Does `rounds` rounds of arithmetic, in chunks (each a call of its own, so that the engine's
/// optimising compiler, which takes over a function for its later calls, speeds up all but the
/// first few).
pub fn compute(rounds: u64) {
    let mut left = rounds;
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    while left > 0 {
        let n = left.min(CHUNK);
        x = chunk(black_box(x), n);
        left -= n;
    }
    black_box(x);
    // Facts recorded next (the step's end) are stamped no earlier than this.
    fresh(now());
}

#[inline(never)]
fn chunk(mut x: u64, n: u64) -> u64 {
    for i in 0..n {
        x = (x.rotate_left(5) ^ i).wrapping_mul(0x0000_0100_0000_01b3);
    }
    x
}

/// Chunks computed between two looks at the clock while calibrating: about a tenth of a
/// millisecond here.
const BATCH: u64 = 16;

/// How long one stretch of [`measure`] lasts, in milliseconds: long enough that a clock in 1 ms
/// steps (Firefox's) misjudges it by a few per cent at most, short enough to hold the page's thread
/// no longer than a frame.
pub const WINDOW_MS: f64 = 16.0;

/// Computes for [`WINDOW_MS`] and says how many rounds of [`compute`] that made a millisecond.
///
/// One stretch is not the machine's speed: the engine runs the first few hundred milliseconds of a
/// function's computing with its quick compiler (here about 15 % slower) before its optimising one
/// takes over, and the operating system may hand the core to another thread in the middle of one.
/// Every way to be wrong is slower, so the speed is the fastest of many stretches.
pub fn measure() -> f64 {
    let start = now();
    let mut rounds = 0u64;
    let mut x = 0u64;
    // The clock is read between batches of chunks, not after each: a read costs as much as a good
    // part of a chunk, and `compute` does not read it at all.
    while now() - start < WINDOW_MS {
        for _ in 0..BATCH {
            x = chunk(black_box(x), CHUNK);
        }
        rounds += BATCH * CHUNK;
    }
    black_box(x);
    rounds as f64 / (now() - start).max(0.001)
}

/// Computes for `ms` milliseconds, so that the engine has compiled [`compute`] before it counts.
pub fn warm_up(ms: f64) {
    let start = now();
    let mut x = 0u64;
    while now() - start < ms {
        x = chunk(black_box(x), CHUNK);
    }
    black_box(x);
}
