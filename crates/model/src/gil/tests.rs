//! The GIL's turns, natively: CPU-bound threads never compute at once and change hands every
//! switch interval; sleeping threads overlap; free-threaded ones compute at once, as far as the
//! cores go.

use super::*;

fn work(ms: f64) -> Vec<Piece> {
    vec![Piece::Work(ms), Piece::Touch]
}

fn sleep(ms: f64) -> Vec<Piece> {
    vec![Piece::Touch, Piece::Sleep(ms), Piece::Touch]
}

/// The stretches in which a thread holds the GIL (or computes), as (from, to).
fn runs(s: &Schedule) -> Vec<(f64, f64)> {
    s.stretches
        .iter()
        .filter(|x| x.doing == Doing::Runs)
        .map(|x| (x.from, x.to))
        .collect()
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 < b.1 - 1e-9 && b.0 < a.1 - 1e-9
}

#[test]
fn cpu_bound_threads_take_turns_of_a_switch_interval_and_add_up() {
    // Chop and dice: 1 200 ms and 900 ms of work on two threads.
    let s = schedule(&[work(1200.0), work(900.0)], Gil::new(2, 2));
    assert!((s.end - 2100.0).abs() < 1e-6, "{}", s.end);
    let held = runs(&s);
    for (i, a) in held.iter().enumerate() {
        for b in &held[i + 1..] {
            assert!(!overlap(*a, *b), "{a:?} and {b:?} both hold the GIL");
        }
    }
    // While both compute (the first 1 800 ms), the GIL changes hands every 5 ms.
    assert!(s.handovers >= 350, "{} hand-overs", s.handovers);
    assert!(
        held.iter()
            .filter(|r| r.1 <= 1800.0)
            .all(|r| r.1 - r.0 <= 5.0 + 1e-6),
        "{held:?}"
    );
}

#[test]
fn free_threaded_threads_compute_at_once_as_far_as_the_cores_go() {
    let tasks = [work(1200.0), work(900.0)];
    let two = schedule(
        &tasks,
        Gil {
            free_threaded: true,
            ..Gil::new(2, 2)
        },
    );
    assert!((two.end - 1200.0).abs() < 1e-6, "{}", two.end);
    assert_eq!(two.handovers, 0);
    let one = schedule(
        &tasks,
        Gil {
            free_threaded: true,
            ..Gil::new(2, 1)
        },
    );
    assert!((one.end - 2100.0).abs() < 1e-6, "{}", one.end);
}

#[test]
fn sleeping_threads_wait_side_by_side_and_a_pool_hands_tasks_out_in_turn() {
    let downloads: Vec<Vec<Piece>> = (0..5).map(|_| sleep(3000.0)).collect();
    let five = schedule(&downloads, Gil::new(5, 2));
    assert!((five.end - 3000.0).abs() < 1e-6, "{}", five.end);
    let two = schedule(&downloads, Gil::new(2, 2));
    assert!((two.end - 9000.0).abs() < 1e-6, "{}", two.end);
}

#[test]
fn a_thread_back_from_a_sleep_waits_up_to_a_switch_interval_behind_one_that_computes() {
    // The convoy: the sleeper must hold the GIL to start and to go on after its sleep, and each
    // time the computing thread keeps it until the sleeper's switch interval runs out.
    let s = schedule(&[work(100.0), sleep(10.0)], Gil::new(2, 2));
    let sleeper: Vec<(Doing, f64, f64)> = s
        .stretches
        .iter()
        .filter(|x| x.task == 1)
        .map(|x| (x.doing, x.from, x.to))
        .collect();
    assert_eq!(
        sleeper,
        [
            (Doing::Wants, 0.0, 5.0),
            (Doing::Sleeps, 5.0, 15.0),
            (Doing::Wants, 15.0, 20.0),
        ]
    );
    assert!((s.end - 100.0).abs() < 1e-6, "{}", s.end);
}

/// The lesson `id`'s recipe.
fn lesson(id: &str) -> crate::Recipe {
    crate::lesson::by_id(id).expect("a lesson").recipe
}

#[test]
fn the_lessons_on_threads_take_what_the_tutorials_say() {
    // Chop and dice on two threads: the GIL lets one compute at a time, 14 minutes as blocking.
    let chop = lesson("more-cooks");
    let on_two = threads(&chop, Gil::new(2, 2));
    assert!(
        (chop.units(on_two.end) - 14.0).abs() < 1e-6,
        "{}",
        chop.units(on_two.end)
    );
    // Free-threaded on two cores, they compute at once: 8 minutes.
    let free = threads(
        &chop,
        Gil {
            free_threaded: true,
            ..Gil::new(2, 2)
        },
    );
    assert!(
        (chop.units(free.end) - 8.0).abs() < 1e-6,
        "{}",
        chop.units(free.end)
    );
    // Five downloads on five threads wait side by side: 3 seconds, as gathered.
    let downloads = lesson("downloads");
    let five = threads(&downloads, Gil::new(5, 2));
    assert!(
        (downloads.units(five.end) - 3.0).abs() < 1e-6,
        "{}",
        downloads.units(five.end)
    );
}
