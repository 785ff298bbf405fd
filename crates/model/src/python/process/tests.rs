//! A worker process's plan, as text: each step with its routine and index, calls entered and
//! left; and the prediction of a program of processes, as the facts a real run records.

use expect_test::{Expect, expect};

use super::super::asyncio;
use super::super::drawn::draw;
use super::super::fixtures::fixture;
use super::super::program::How;
use super::super::read;
use super::{Doing, plan};

/// Every process task's plan in `source`, a line per step.
fn check(source: &str, expect: Expect) {
    let program = read(source, None).unwrap_or_else(|e| panic!("not read: {e}"));
    let mut out = String::new();
    for (t, task) in program.tasks.iter().enumerate() {
        if task.how != How::Process {
            continue;
        }
        out.push_str(&format!("task {t}\n"));
        for p in plan(&program, t) {
            let doing = match p.doing {
                Doing::Call(a) => format!("call ({a:?})"),
                Doing::Return => "return".to_owned(),
                Doing::Hold(a, x) => format!("hold {a:?} {x} s"),
                Doing::Print(pieces) => format!("print {pieces:?}"),
                Doing::Instant => "instant".to_owned(),
            };
            out.push_str(&format!("  routine {} #{}: {doing}\n", p.routine, p.index));
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn a_process_runs_its_function_and_the_calls_it_makes_in_order() {
    check(
        &fixture("p_process_pool_work.py").source,
        expect![[r#"
            task 0
              routine 0 #0: call (Work)
              routine 1 #0: instant
              routine 1 #1: hold Work 0.5 s
              routine 0 #0: return
              routine 0 #1: print [Text("slicing done\n")]
            task 1
              routine 2 #0: call (Work)
              routine 3 #0: instant
              routine 3 #1: hold Work 1 s
              routine 2 #0: return
              routine 2 #1: print [Text("dicing done\n")]
        "#]],
    );
    check(
        "import asyncio, time\nfrom concurrent.futures import ProcessPoolExecutor\n\n\
         def rest(n):\n    time.sleep(n)\n    print('rested', n)\n\n\
         def chop(n):\n    work(n)\n    rest(n / 2)\n    print('chopped', n, end='!\\n')\n\n\
         async def main():\n    loop = asyncio.get_running_loop()\n\
         \x20   with ProcessPoolExecutor(max_workers=1) as pool:\n\
         \x20       await asyncio.gather(loop.run_in_executor(pool, chop, 2), loop.run_in_executor(pool, chop, 1))\n\n\
         asyncio.run(main())\n",
        expect![[r#"
            task 0
              routine 0 #0: hold Work 2 s
              routine 0 #1: call (Work)
              routine 1 #0: hold Sleep 1 s
              routine 1 #1: print [Text("rested 1.0\n")]
              routine 0 #1: return
              routine 0 #2: print [Text("chopped 2!\n")]
            task 1
              routine 2 #0: hold Work 1 s
              routine 2 #1: call (Work)
              routine 3 #0: hold Sleep 0.5 s
              routine 3 #1: print [Text("rested 0.5\n")]
              routine 2 #1: return
              routine 2 #2: print [Text("chopped 1!\n")]
        "#]],
    );
}

#[test]
fn a_prediction_puts_each_process_on_a_cook_of_its_own_while_the_loop_goes_on() {
    let source = &fixture("p_process_pool_work.py").source;
    let program = read(source, None).expect("it reads");
    let drawn = draw(&program, source, 1000.0);
    let (outcome, trace) = asyncio::predict(&program, &drawn);
    let mut out = format!("total {} s, lines {:?}\n", outcome.total, outcome.lines);
    for e in &trace.events {
        out.push_str(&format!("{:>6.0} {:?}\n", e.at, e.kind));
    }
    expect![[r#"
        total 1 s, lines ["slicing done", "dicing done", "all done: [0.5, 1.0]", "in ⟨clock⟩ s"]
             0 TaskStart { task: 0, how: Scheduled }
             0 PollStart { task: 0 }
             0 StepStart { task: 0, step: StepId { routine: Task(0), index: 0 }, activity: Instant }
             0 StepEnd { task: 0, step: StepId { routine: Task(0), index: 0 } }
             0 TaskStart { task: 1, how: Scheduled }
             0 Sent { task: 1, cook: 0 }
             0 PollStart { task: 1 }
             0 StepStart { task: 1, step: StepId { routine: Task(1), index: 0 }, activity: Work }
             0 StepStart { task: 1, step: StepId { routine: Helper(1), index: 0 }, activity: Instant }
             0 StepEnd { task: 1, step: StepId { routine: Helper(1), index: 0 } }
             0 StepStart { task: 1, step: StepId { routine: Helper(1), index: 1 }, activity: Work }
             0 TaskStart { task: 2, how: Scheduled }
             0 Sent { task: 2, cook: 1 }
             0 PollStart { task: 2 }
             0 StepStart { task: 2, step: StepId { routine: Task(2), index: 0 }, activity: Work }
             0 StepStart { task: 2, step: StepId { routine: Helper(3), index: 0 }, activity: Instant }
             0 StepEnd { task: 2, step: StepId { routine: Helper(3), index: 0 } }
             0 StepStart { task: 2, step: StepId { routine: Helper(3), index: 1 }, activity: Work }
             0 PollEnd { task: 0, ready: false }
           500 StepEnd { task: 1, step: StepId { routine: Helper(1), index: 1 } }
           500 StepEnd { task: 1, step: StepId { routine: Task(1), index: 0 } }
           500 StepStart { task: 1, step: StepId { routine: Task(1), index: 1 }, activity: Instant }
           500 Print { task: 1, text: "slicing done" }
           500 StepEnd { task: 1, step: StepId { routine: Task(1), index: 1 } }
           500 PollEnd { task: 1, ready: true }
           500 TaskEnd { task: 1 }
          1000 StepEnd { task: 2, step: StepId { routine: Helper(3), index: 1 } }
          1000 StepEnd { task: 2, step: StepId { routine: Task(2), index: 0 } }
          1000 StepStart { task: 2, step: StepId { routine: Task(2), index: 1 }, activity: Instant }
          1000 Print { task: 2, text: "dicing done" }
          1000 StepEnd { task: 2, step: StepId { routine: Task(2), index: 1 } }
          1000 PollEnd { task: 2, ready: true }
          1000 TaskEnd { task: 2 }
          1000 Wake { task: 0 }
          1000 PollStart { task: 0 }
          1000 StepStart { task: 0, step: StepId { routine: Task(0), index: 1 }, activity: Instant }
          1000 Print { task: 0, text: "all done: [0.5, 1.0]" }
          1000 StepEnd { task: 0, step: StepId { routine: Task(0), index: 1 } }
          1000 PollEnd { task: 0, ready: false }
          1000 Wake { task: 0 }
          1000 PollStart { task: 0 }
          1000 StepStart { task: 0, step: StepId { routine: Task(0), index: 2 }, activity: Instant }
          1000 StepEnd { task: 0, step: StepId { routine: Task(0), index: 2 } }
          1000 StepStart { task: 0, step: StepId { routine: Task(0), index: 3 }, activity: Instant }
          1000 Print { task: 0, text: "in 1.0 s" }
          1000 StepEnd { task: 0, step: StepId { routine: Task(0), index: 3 } }
          1000 PollEnd { task: 0, ready: true }
          1000 TaskEnd { task: 0 }
    "#]].assert_eq(&out);
}

#[test]
fn a_job_names_the_drawings_steps_and_holds_in_real_milliseconds() {
    let source = &fixture("p_process_pool_work.py").source;
    let program = read(source, None).expect("it reads");
    let drawn = draw(&program, source, 100.0);
    let steps = super::job(&program, &drawn, 0, &super::super::asyncio::masked);
    let out: String = steps.iter().map(|s| format!("{s:?}\n")).collect();
    expect![[r#"
        Start(StepId { routine: Task(1), index: 0 }, Work)
        Start(StepId { routine: Helper(1), index: 0 }, Instant)
        End(StepId { routine: Helper(1), index: 0 })
        Start(StepId { routine: Helper(1), index: 1 }, Work)
        Hold(Work, 50.0)
        End(StepId { routine: Helper(1), index: 1 })
        End(StepId { routine: Task(1), index: 0 })
        Start(StepId { routine: Task(1), index: 1 }, Instant)
        Print("slicing done\n")
        End(StepId { routine: Task(1), index: 1 })
    "#]]
    .assert_eq(&out);
}

#[test]
fn a_prediction_of_processes_holds_to_the_replays_properties() {
    for name in ["p_process_pool_work.py", "p_process_pool_queue.py"] {
        let source = &fixture(name).source;
        let program = read(source, None).expect("it reads");
        let drawn = draw(&program, source, 20.0);
        let (_, trace) = asyncio::predict(&program, &drawn);
        crate::replay::check::consistent(&drawn.recipe, super::super::drawn::REPLAY_MODE, &trace)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
