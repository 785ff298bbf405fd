//! Busy-waiting: the one way the runtime holds the thread on purpose.

use super::clock::{fresh, now};

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
