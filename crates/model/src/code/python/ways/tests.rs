//! The Python ways' views: every lesson's steps each on one line in both ways, and what a teacher
//! reads for the cake, in full.

use expect_test::{Expect, expect};

use crate::code::{Language, code_in_way};
use crate::lesson;
use crate::mode::Mode;
use crate::way::Way;

fn check(lesson: &str, mode: Mode, way: Way, expect: Expect) {
    let lessons = lesson::all();
    let lesson = lessons.iter().find(|l| l.id == lesson).expect("a lesson");
    expect.assert_eq(&code_in_way(&lesson.recipe, mode, Language::Python, way).marked());
}

#[test]
fn every_lesson_has_one_line_per_step_in_each_way() {
    for lesson in lesson::all() {
        for mode in Mode::ALL
            .into_iter()
            .filter(|&m| Way::Callbacks.applies_to(m))
        {
            for way in [Way::Callbacks, Way::StateMachine] {
                let view = code_in_way(&lesson.recipe, mode, Language::Python, way);
                let name = format!("{} {mode:?} {way:?}", lesson.id);
                view.assert_one_line_per_step(&lesson.recipe, &name);
            }
        }
    }
}

#[test]
fn cake_as_callbacks() {
    check(
        "cake",
        Mode::Gather,
        Way::Callbacks,
        expect![[r#"
        # Times are in min: 1 min = 20 ms of real time.
        # work(n) keeps the thread busy for n min: a busy loop, the cook's hands are full.
        # Each function takes then, the rest of the program, and calls it when it has finished.
        # loop.call_later(n, f, *args) calls f(*args) in n min: the thread is free meanwhile.
        import asyncio


        loop = asyncio.new_event_loop()


        def cake(then):
            work(15)  # prepare the dough  ◂ task 0 #0
            loop.call_later(45, then)  # bake in the oven  ◂ task 0 #1


        def groceries(then):
            work(20)  # buy groceries  ◂ task 1 #0
            then()


        def main(then):
            # A counter stands in for asyncio.gather.
            left = 2

            def one_done():
                nonlocal left
                left -= 1
                if left == 0:
                    then()

            cake(one_done)
            groceries(one_done)


        loop.call_soon(main, loop.stop)
        loop.run_forever()
    "#]],
    );
}

#[test]
fn cake_as_generators() {
    check(
        "cake",
        Mode::Gather,
        Way::StateMachine,
        expect![[r#"
            # Times are in min: 1 min = 20 ms of real time.
            # work(n) keeps the thread busy for n min: a busy loop, the cook's hands are full.
            # A generator runs until its next yield, where it hands the scheduler below what it waits
            # for: n min, or 0 to give the loop back once. yield from runs a generator inside
            # another, as await runs a coroutine.
            import heapq
            import time
            from collections import deque


            def sleep(n):
                yield n


            def cake():
                work(15)  # prepare the dough  ◂ task 0 #0
                yield from sleep(45)  # bake in the oven  ◂ task 0 #1


            def groceries():
                work(20)  # buy groceries  ◂ task 1 #0
                yield from ()  # waits for nothing: it makes this function a generator


            def run(*tasks):
                # Runs the generators until every one has finished, as asyncio's event loop runs its
                # tasks: those ready to go on in a queue, sleeping ones in a heap by when they are due.
                ready = deque(tasks)
                sleeping = []  # (due, order, generator): the earliest first, ties in order of sleep
                order = 0
                while ready or sleeping:
                    if not ready:
                        # Nothing to do until the first timer is due: the thread idles.
                        time.sleep(max(0.0, sleeping[0][0] - time.monotonic()))
                    now = time.monotonic()
                    while sleeping and sleeping[0][0] <= now:
                        ready.append(heapq.heappop(sleeping)[2])
                    for _ in range(len(ready)):
                        task = ready.popleft()
                        try:
                            delay = next(task)  # the task runs until its next yield
                        except StopIteration:
                            continue  # it has finished
                        if delay > 0:
                            heapq.heappush(sleeping, (time.monotonic() + delay, order, task))
                            order += 1
                        else:
                            ready.append(task)  # it only gives the loop back


            # The scheduler runs every task at once, as asyncio.gather runs its coroutines.
            run(cake(), groceries())
        "#]],
    );
}

#[test]
fn fruit_shop_as_callbacks_in_turn() {
    check(
        "fruit-shop",
        Mode::Sequential,
        Way::Callbacks,
        expect![[r##"
        # Times are in s: 1 s = 500 ms of real time.
        # Each function takes then, the rest of the program, and calls it when it has finished.
        # loop.call_later(n, f, *args) calls f(*args) in n s: the thread is free meanwhile.
        import asyncio


        loop = asyncio.new_event_loop()


        def wait_for_water(then):
            print("fetch water")  ◂ helper 0 #0
            loop.call_later(1, then)  # fetch the water  ◂ helper 0 #1


        def wait_for_melon(then):
            print("fetch melon")  ◂ helper 1 #0
            loop.call_later(1, then)  # fetch the melon  ◂ helper 1 #1


        def fruit(then):
            print("inside fruit shop")  ◂ task 0 #0
            print("waiting for water")  ◂ task 0 #1
            wait_for_water(lambda: fruit_2(then))  ◂ task 0 #2


        # The rest of fruit, once wait_for_water calls back.
        def fruit_2(then):
            print("waiting for melon")  ◂ task 0 #3
            wait_for_melon(lambda: fruit_3(then))  ◂ task 0 #4


        # The rest of fruit, once wait_for_melon calls back.
        def fruit_3(then):
            print("fruit name : water melon")  ◂ task 0 #5
            then()


        def main(then):
            fruit(then)


        loop.call_soon(main, loop.stop)
        loop.run_forever()
    "##]],
    );
}

#[test]
fn fruit_shop_as_generators_in_turn() {
    check(
        "fruit-shop",
        Mode::Sequential,
        Way::StateMachine,
        expect![[r##"
            # Times are in s: 1 s = 500 ms of real time.
            # A generator runs until its next yield, where it hands the scheduler below what it waits
            # for: n s, or 0 to give the loop back once. yield from runs a generator inside
            # another, as await runs a coroutine.
            import heapq
            import time
            from collections import deque


            def sleep(n):
                yield n


            def wait_for_water():
                print("fetch water")  ◂ helper 0 #0
                yield from sleep(1)  # fetch the water  ◂ helper 0 #1


            def wait_for_melon():
                print("fetch melon")  ◂ helper 1 #0
                yield from sleep(1)  # fetch the melon  ◂ helper 1 #1


            def fruit():
                print("inside fruit shop")  ◂ task 0 #0
                print("waiting for water")  ◂ task 0 #1
                yield from wait_for_water()  ◂ task 0 #2
                print("waiting for melon")  ◂ task 0 #3
                yield from wait_for_melon()  ◂ task 0 #4
                print("fruit name : water melon")  ◂ task 0 #5


            def run(*tasks):
                # Runs the generators until every one has finished, as asyncio's event loop runs its
                # tasks: those ready to go on in a queue, sleeping ones in a heap by when they are due.
                ready = deque(tasks)
                sleeping = []  # (due, order, generator): the earliest first, ties in order of sleep
                order = 0
                while ready or sleeping:
                    if not ready:
                        # Nothing to do until the first timer is due: the thread idles.
                        time.sleep(max(0.0, sleeping[0][0] - time.monotonic()))
                    now = time.monotonic()
                    while sleeping and sleeping[0][0] <= now:
                        ready.append(heapq.heappop(sleeping)[2])
                    for _ in range(len(ready)):
                        task = ready.popleft()
                        try:
                            delay = next(task)  # the task runs until its next yield
                        except StopIteration:
                            continue  # it has finished
                        if delay > 0:
                            heapq.heappush(sleeping, (time.monotonic() + delay, order, task))
                            order += 1
                        else:
                            ready.append(task)  # it only gives the loop back


            def main():
                yield from fruit()


            run(main())
        "##]],
    );
}
