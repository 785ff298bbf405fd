//! The clock's step read from made-up clocks: each a list of readings, as `performance.now()` would
//! give them one call after another.

use super::smallest_step;

/// A clock that returns `readings` in turn, then keeps moving by a millisecond a call, so that a
/// look that wants more readings still ends.
fn clock(readings: Vec<f64>) -> impl FnMut() -> f64 {
    let mut readings = readings.into_iter();
    let mut last = 0.0;
    move || {
        last = readings.next().unwrap_or(last + 1.0);
        last
    }
}

/// `ticks` of `step` from `start`, each read `reads` times, as a tight loop reads a coarse clock.
fn ticking(start: f64, step: f64, ticks: usize, reads: usize) -> Vec<f64> {
    (0..ticks)
        .flat_map(|i| std::iter::repeat_n(start + step * i as f64, reads))
        .collect()
}

#[test]
fn a_millisecond_clock_read_in_a_tight_loop_ticks_every_millisecond() {
    assert_eq!(smallest_step(clock(ticking(100.0, 1.0, 12, 50))), 1.0);
}

#[test]
fn chromiums_tenth_of_a_millisecond_comes_out_whole_despite_the_floats() {
    let readings: Vec<f64> = (0..40).map(|i| 1000.0 + f64::from(i) * 0.1).collect();
    assert_eq!(smallest_step(clock(readings)), 0.1);
}

#[test]
fn pauses_only_make_ticks_look_longer_so_the_smallest_of_eight_is_the_step() {
    // A millisecond clock whose thread is paused for two or three milliseconds at a time: what the
    // three-millisecond look read as a step of 3 ms in WebKit.
    let readings = vec![
        0.0, 0.0, 3.0, 3.0, 5.0, 8.0, 8.0, 10.0, 13.0, 14.0, 14.0, 16.0, 19.0,
    ];
    assert_eq!(smallest_step(clock(readings)), 1.0);
}

#[test]
fn the_look_stops_after_eight_changes() {
    // Eight changes of 2 ms, then one of 1 ms that the look never reads.
    let mut readings = ticking(0.0, 2.0, 9, 3);
    readings.push(17.0);
    assert_eq!(smallest_step(clock(readings)), 2.0);
}

#[test]
fn a_coarse_clock_is_read_for_fifty_milliseconds_at_most() {
    // A clock of 20 ms ticks: two changes in the 50 ms look.
    let mut calls = 0;
    let mut coarse = clock(ticking(0.0, 20.0, 4, 1000));
    let step = smallest_step(|| {
        calls += 1;
        coarse()
    });
    assert_eq!(step, 20.0);
    assert!(calls <= 3 * 1000 + 1, "{calls} readings");
}

#[test]
fn a_clock_that_does_not_move_for_the_whole_look_is_at_least_that_coarse() {
    let mut readings = vec![7.0; 100];
    readings.push(80.0);
    assert_eq!(smallest_step(clock(readings)), 50.0);
}
