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

/// Rounds of [`compute`] done between two looks at the clock while calibrating or working.
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

/// How long one measured stretch of [`calibrate`] lasts, in milliseconds: long enough that a clock
/// in 1 ms steps (Firefox's) misjudges it by a few per cent at most.
const WINDOW_MS: f64 = 16.0;

/// How many rounds of [`compute`] this thread does in a millisecond, at its best: the fastest of
/// stretches of [`WINDOW_MS`], computed until three in a row are no faster than the best so far,
/// or for `most_ms` in all.
///
/// The fastest, because every way to be wrong is slower: the engine's first, quick compiler runs
/// the first stretches before its optimising one takes over (about twice as fast here), and the
/// operating system may hand the core to another thread in the middle of one.
pub fn calibrate(most_ms: f64) -> f64 {
    let window = || {
        let start = now();
        let mut rounds = 0u64;
        let mut x = 0u64;
        while now() - start < WINDOW_MS {
            x = chunk(black_box(x), CHUNK);
            rounds += CHUNK;
        }
        black_box(x);
        rounds as f64 / (now() - start).max(0.001)
    };
    let began = now();
    let (mut best, mut no_faster) = (0.0f64, 0);
    while no_faster < 3 && now() - began < most_ms {
        let rate = window();
        if rate > best * 1.03 {
            no_faster = 0;
        } else {
            no_faster += 1;
        }
        best = best.max(rate);
    }
    best
}
