use expect_test::{Expect, expect};
use serde_json::Value;

use super::chrome_trace;
use crate::trace::{Event, EventKind, Trace};
use crate::{Mode, lesson, predict};

/// A thread and a time on it.
type Place = (u64, f64);

/// Slack for times written to a tenth of a microsecond.
const EPS: f64 = 1e-6;

fn num(event: &Value, field: &str) -> Result<f64, String> {
    event[field]
        .as_f64()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("{field} is not a finite number in {event}"))
}

/// Holds a Chrome trace to the Trace Event Format's rules, as Perfetto reads them: every event's
/// phase and fields; async slices begun and ended in order per category and id; flows begun once
/// and ended once, each end bound to a slice on its thread at its time; complete events nested
/// per thread, never overlapping in part.
fn check_shape(text: &str) -> Result<Value, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let events = root["traceEvents"]
        .as_array()
        .ok_or("no traceEvents array")?;
    let mut slices: Vec<(u64, f64, f64)> = Vec::new();
    let mut open: Vec<(String, u64, Vec<f64>)> = Vec::new();
    // Each flow: its id, where it began (thread, time), and where it ended.
    let mut flows: Vec<(u64, u64, f64, Option<Place>)> = Vec::new();
    for event in events {
        let ph = event["ph"]
            .as_str()
            .ok_or_else(|| format!("no ph in {event}"))?;
        event["name"]
            .as_str()
            .ok_or_else(|| format!("no name in {event}"))?;
        if event["pid"].as_u64().is_none() {
            return Err(format!("no pid in {event}"));
        }
        let tid = event["tid"].as_u64();
        let needs_tid = matches!(ph, "M" | "X" | "s" | "f" | "i");
        if needs_tid && tid.is_none() {
            return Err(format!("no tid in {event}"));
        }
        let tid = tid.unwrap_or(0);
        if ph == "M" {
            event["args"]["name"]
                .as_str()
                .ok_or_else(|| format!("a metadata event without its name: {event}"))?;
            continue;
        }
        let ts = num(event, "ts")?;
        if ts < 0.0 {
            return Err(format!("a time before the run: {event}"));
        }
        match ph {
            "X" => {
                let dur = num(event, "dur")?;
                if dur < 0.0 {
                    return Err(format!("a negative length: {event}"));
                }
                slices.push((tid, ts, ts + dur));
            }
            "b" | "e" => {
                let cat = event["cat"].as_str().ok_or("an async event with no cat")?;
                let id = event["id"].as_u64().ok_or("an async event with no id")?;
                let track = match open.iter_mut().find(|(c, i, _)| c == cat && *i == id) {
                    Some(track) => track,
                    None => {
                        open.push((cat.to_owned(), id, Vec::new()));
                        open.last_mut().ok_or("unreachable")?
                    }
                };
                if ph == "b" {
                    track.2.push(ts);
                } else {
                    let began = track
                        .2
                        .pop()
                        .ok_or_else(|| format!("an end with nothing begun: {event}"))?;
                    if ts + EPS < began {
                        return Err(format!("an end before its beginning: {event}"));
                    }
                }
            }
            "s" | "f" => {
                let id = event["id"].as_u64().ok_or("a flow with no id")?;
                if ph == "s" {
                    if flows.iter().any(|f| f.0 == id) {
                        return Err(format!("flow {id} begun twice"));
                    }
                    flows.push((id, tid, ts, None));
                } else {
                    if event["bp"] != "e" {
                        return Err(format!("a flow's end not bound to its slice: {event}"));
                    }
                    let flow = flows
                        .iter_mut()
                        .find(|f| f.0 == id && f.3.is_none())
                        .ok_or_else(|| format!("flow {id} ended without a beginning"))?;
                    if ts + EPS < flow.2 {
                        return Err(format!("flow {id} ends before it begins"));
                    }
                    flow.3 = Some((tid, ts));
                }
            }
            "i" => {
                if !matches!(event["s"].as_str(), Some("t" | "p" | "g")) {
                    return Err(format!("an instant with no scope: {event}"));
                }
            }
            "C" => {
                let args = event["args"].as_object().ok_or("a counter with no args")?;
                if args
                    .values()
                    .any(|v| !v.as_f64().is_some_and(f64::is_finite))
                {
                    return Err(format!("a counter whose values are not numbers: {event}"));
                }
            }
            _ => return Err(format!("an unknown phase: {event}")),
        }
    }
    if let Some((cat, id, _)) = open.iter().find(|(_, _, stack)| !stack.is_empty()) {
        return Err(format!("async slice {cat} {id} never ended"));
    }
    // Each flow's two ends lie in a complete event of their thread.
    let bound = |tid: u64, ts: f64| {
        slices
            .iter()
            .any(|&(t, from, to)| t == tid && from <= ts + EPS && ts <= to + EPS)
    };
    for (id, tid, ts, end) in &flows {
        let (end_tid, end_ts) = end.ok_or_else(|| format!("flow {id} never ended"))?;
        if !bound(*tid, *ts) || !bound(end_tid, end_ts) {
            return Err(format!("flow {id} is bound to no slice"));
        }
    }
    // Complete events nest per thread: one that starts inside another ends inside it.
    slices.sort_by(|a, b| {
        (a.0, a.1, -a.2)
            .partial_cmp(&(b.0, b.1, -b.2))
            .expect("finite")
    });
    let mut stack: Vec<(u64, f64, f64)> = Vec::new();
    for slice in &slices {
        while stack
            .last()
            .is_some_and(|top| top.0 != slice.0 || top.2 <= slice.1 + EPS)
        {
            stack.pop();
        }
        if let Some(top) = stack.last()
            && slice.2 > top.2 + EPS
        {
            return Err(format!(
                "slices overlap on thread {}: {top:?} and {slice:?}",
                slice.0
            ));
        }
        stack.push(*slice);
    }
    Ok(root)
}

#[test]
fn every_lesson_in_every_mode_is_a_well_formed_chrome_trace() {
    // Ten thousand timers make the same shapes as the others, a hundred thousand events of them,
    // which this check takes half a minute over in a debug build.
    for lesson in lesson::all()
        .into_iter()
        .filter(|l| l.recipe.instances().len() <= 1000)
    {
        for mode in Mode::ALL {
            let trace = predict::predict(&lesson.recipe, mode);
            let text = chrome_trace(&lesson.recipe, mode, &trace);
            if let Err(why) = check_shape(&text) {
                panic!("{} in {}: {why}", lesson.id, mode.id());
            }
        }
    }
}

#[test]
fn a_run_cut_short_still_ends_every_slice_it_begins() {
    let recipe = lesson::chop_and_dice().recipe;
    for mode in [Mode::Gather, Mode::Processes, Mode::Threads, Mode::Blocking] {
        let whole = predict::predict(&recipe, mode);
        let half = whole.end / 2.0;
        let cut = Trace {
            events: whole
                .events
                .iter()
                .filter(|e| e.at <= half)
                .cloned()
                .collect(),
            end: half,
            cancelled: true,
        };
        if let Err(why) = check_shape(&chrome_trace(&recipe, mode, &cut)) {
            panic!("{} cut short: {why}", mode.id());
        }
    }
}

/// The tracks of a run's trace, as text: each thread and how many slices it has, each async track
/// with its slices, the flows, and the counters.
fn check(lesson: &str, mode: Mode, frames: &[f64], expect: Expect) {
    let recipe = lesson::all()
        .into_iter()
        .find(|l| l.id == lesson)
        .expect("a lesson")
        .recipe;
    let mut trace = predict::predict(&recipe, mode);
    for &at in frames {
        trace.events.push(Event {
            at,
            kind: EventKind::Frame,
        });
    }
    crate::trace::in_time_order(&mut trace.events);
    let root = check_shape(&chrome_trace(&recipe, mode, &trace)).expect("well formed");
    let events = root["traceEvents"].as_array().expect("events");
    let mut out = String::new();
    for meta in events.iter().filter(|e| e["ph"] == "M") {
        let tid = meta["tid"].as_u64().unwrap_or(0);
        let slices: Vec<&str> = events
            .iter()
            .filter(|e| e["ph"] == "X" && e["tid"].as_u64() == Some(tid))
            .filter_map(|e| e["cat"].as_str())
            .collect();
        let mut cats: Vec<String> = Vec::new();
        for cat in ["start-up", "poll", "work", "busy-wait", "timer", "gil"] {
            let n = slices.iter().filter(|&&c| c == cat).count();
            if n > 0 {
                cats.push(format!("{n} {cat}"));
            }
        }
        let name = meta["args"]["name"].as_str().unwrap_or("?");
        if meta["name"] == "process_name" {
            out.push_str(&format!("process: {name}\n"));
        } else {
            out.push_str(&format!("thread {tid} {name}: {}\n", cats.join(", ")));
        }
    }
    let mut ids: Vec<u64> = events
        .iter()
        .filter(|e| e["ph"] == "b")
        .filter_map(|e| e["id"].as_u64())
        .collect();
    ids.dedup();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let names: Vec<&str> = events
            .iter()
            .filter(|e| e["ph"] == "b" && e["id"].as_u64() == Some(id))
            .filter_map(|e| e["name"].as_str())
            .collect();
        out.push_str(&format!("task {id}: {}\n", names.join(" / ")));
    }
    let flows = events.iter().filter(|e| e["ph"] == "s").count();
    out.push_str(&format!("{flows} wakes, timer to poll\n"));
    let counters: Vec<String> = events
        .iter()
        .filter(|e| e["ph"] == "C")
        .map(|e| format!("{}", e["args"]["ms"]))
        .collect();
    out.push_str(&format!("frame gaps: {}\n", counters.join(" ")));
    expect.assert_eq(&out);
}

#[test]
fn cake_gathered_has_the_page_s_thread_a_track_per_task_and_a_wake_per_timer() {
    check(
        "cake",
        Mode::Gather,
        // A run's first frame comes just before it begins.
        &[-0.1, 16.0, 32.0, 120.0],
        expect![[r#"
            process: Async Kitchen: Cake and groceries (Gather)
            thread 1 the page's thread: 3 poll, 2 work, 1 timer
            task 1: cake / wait 45 min — bake in the oven
            task 2: groceries
            1 wakes, timer to poll
            frame gaps: 16.1 16.0 88.0
        "#]],
    );
}

#[test]
fn chop_and_dice_on_cooks_has_a_thread_per_cook_with_its_start_up() {
    check(
        "chop-and-dice",
        Mode::Processes,
        &[],
        expect![[r#"
        process: Async Kitchen: Chop salad, dice onions (More cooks)
        thread 1 the page's thread: 
        thread 2 cook 1: 1 start-up, 1 poll, 1 work
        thread 3 cook 2: 1 start-up, 1 poll, 1 work
        task 1: chop_salad
        task 2: dice_onions
        0 wakes, timer to poll
        frame gaps: 
    "#]],
    );
}

#[test]
fn chop_and_dice_on_gil_threads_has_the_gil_s_own_track() {
    check(
        "threads-for-chopping",
        Mode::Threads,
        &[],
        expect![[r#"
        process: Async Kitchen: Threads for chopping (Threads)
        thread 1 the page's thread: 
        thread 2 thread 1: 1 start-up, 1 work
        thread 3 thread 2: 1 start-up, 1 work
        thread 999 the GIL: 377 gil
        task 1: chop_salad
        task 2: dice_onions
        0 wakes, timer to poll
        frame gaps: 
    "#]],
    );
}
