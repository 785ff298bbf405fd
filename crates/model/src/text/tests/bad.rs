//! Texts that do not parse, and the exact errors each gives.

use super::check_errs;

#[test]
fn bad_lines_give_positioned_messages() {
    let table: &[(&str, &str)] = &[
        // Numbers of units.
        (
            "task a\n    work 1\n    work 2\n    wait ten",
            "line 4, column 10: expected a number of units after `wait`, found `ten`",
        ),
        (
            "task a\n  wait",
            "line 2, column 7: expected a number of units after `wait`, found the end of the line",
        ),
        (
            "task a\n  work 2.5\n  wait -3",
            "line 2, column 8: expected a whole number of units, 0 or more, after `work`, found `2.5`\n\
             line 3, column 8: expected a whole number of units, 0 or more, after `wait`, found `-3`",
        ),
        (
            "task a\n  work \"5\"",
            "line 2, column 8: expected a number of units after `work`, found `\"5\"`",
        ),
        // Labels and the ends of lines.
        (
            "task a\n  work 15 minutes",
            "line 2, column 11: expected a label in quotes or the end of the line after `work 15`, found `minutes`",
        ),
        (
            "task a\n  work 15 \"a\" \"b\"",
            "line 2, column 15: expected the end of the line after `work 15 \"a\"`, found `\"b\"`",
        ),
        (
            "task a\n  yield 3",
            "line 2, column 9: expected a label in quotes or the end of the line after `yield`, found `3`",
        ),
        // Strings.
        (
            "recipe \"Cake\ntask a",
            "line 1, column 8: expected `\"` to close this string, found the end of the line",
        ),
        (
            "recipe \"a\\nb\"\ntask a",
            "line 1, column 10: expected `\\\"` or `\\\\` after a backslash in a string, found `\\n` (write a backslash as `\\\\`)",
        ),
        (
            "recipe \"a\tb\"\ntask a",
            "line 1, column 10: expected text or `\"` to close the string, found a tab (U+0009) (strings cannot contain control characters)",
        ),
        (
            "task a\n  print \"a\u{7}\"",
            "line 2, column 11: expected text or `\"` to close the string, found the control character U+0007 (strings cannot contain control characters)",
        ),
        (
            "task a\n  work 1 \u{0}",
            "line 2, column 10: expected a word, a string or the end of the line, found the control character U+0000",
        ),
        (
            "task a\n  print hello",
            "line 2, column 9: expected the text to print in quotes after `print`, found `hello`",
        ),
        (
            "recipe Cake\ntask a",
            "line 1, column 8: expected the recipe's title in quotes after `recipe`, found `Cake`",
        ),
        // Headers.
        (
            "unit hours\ntask a",
            "line 1, column 6: expected a unit after `unit`: `ms`, `s` or `min`, found `hours`",
        ),
        (
            "scale fast\ntask a",
            "line 1, column 7: expected a number of milliseconds per unit after `scale`, such as `20` or `2.5`, found `fast`",
        ),
        (
            "scale 1e3\nscale\ntask a",
            "line 1, column 7: expected a number of milliseconds per unit after `scale`, such as `20` or `2.5`, found `1e3`\n\
             line 2, column 6: expected a number of milliseconds per unit after `scale`, such as `20` or `2.5`, found the end of the line",
        ),
        (
            "scale 0\ntask a",
            "line 1, column 7: expected a scale above 0 and at most 60000 milliseconds per unit, found `0`",
        ),
        (
            "scale 60000.5\ntask a",
            "line 1, column 7: expected a scale above 0 and at most 60000 milliseconds per unit, found `60000.5`",
        ),
        (
            "unit s\nunit min\ntask a",
            "line 2, column 1: expected one `unit` line, found another (the first is on line 1)",
        ),
        (
            "unit min x\ntask a",
            "line 1, column 10: expected the end of the line after `unit min`, found `x`",
        ),
        (
            "task a\nunit min",
            "line 2, column 1: expected a step (`work`, `wait`, `print`, `call`, `yield`), `task` or `helper`, found the header `unit` (headers go before the first `task` or `helper`)",
        ),
        // Exercises.
        (
            "exercise\ntask a",
            "line 1, column 9: expected `order`, `total` or `target` after `exercise`, found the end of the line",
        ),
        (
            "exercise guess gather\ntask a",
            "line 1, column 10: expected `order`, `total` or `target` after `exercise`, found `guess`",
        ),
        (
            "exercise \"order\" gather\ntask a",
            "line 1, column 10: expected `order`, `total` or `target` after `exercise`, found `\"order\"`",
        ),
        (
            "exercise order\ntask a",
            "line 1, column 15: expected a mode after `exercise order`: `blocking`, `sequential`, `gather`, `spawn`, `blocking-in-async`, `never-awaited`, `processes`, `threads` or `free-threaded`, found the end of the line",
        ),
        (
            "exercise order fast\ntask a",
            "line 1, column 16: expected a mode after `exercise order`: `blocking`, `sequential`, `gather`, `spawn`, `blocking-in-async`, `never-awaited`, `processes`, `threads` or `free-threaded`, found `fast`",
        ),
        (
            "exercise total Gather\ntask a",
            "line 1, column 16: expected a mode after `exercise total`: `blocking`, `sequential`, `gather`, `spawn`, `blocking-in-async`, `never-awaited`, `processes`, `threads` or `free-threaded`, found `Gather` (modes are written in lower case)",
        ),
        (
            "exercise total blocking_in_async\ntask a",
            "line 1, column 16: expected a mode after `exercise total`: `blocking`, `sequential`, `gather`, `spawn`, `blocking-in-async`, `never-awaited`, `processes`, `threads` or `free-threaded`, found `blocking_in_async`",
        ),
        (
            "exercise target ten\nexercise target 0\nexercise target\nexercise target 2.5\nexercise target -3\ntask a",
            "line 1, column 17: expected a whole number of units, 1 or more, after `exercise target` (the longest the run may take), found `ten`\n\
             line 2, column 17: expected a whole number of units, 1 or more, after `exercise target` (the longest the run may take), found `0`\n\
             line 3, column 16: expected a whole number of units, 1 or more, after `exercise target` (the longest the run may take), found the end of the line\n\
             line 4, column 17: expected a whole number of units, 1 or more, after `exercise target` (the longest the run may take), found `2.5`\n\
             line 5, column 17: expected a whole number of units, 1 or more, after `exercise target` (the longest the run may take), found `-3`",
        ),
        (
            "exercise target 90 fast\ntask a",
            "line 1, column 20: expected a mode or the end of the line after `exercise target 90`: `blocking`, `sequential`, `gather`, `spawn`, `blocking-in-async`, `never-awaited`, `processes`, `threads` or `free-threaded`, found `fast`",
        ),
        (
            "exercise order gather now\nexercise target 90 gather \"x\"\ntask a",
            "line 1, column 23: expected the end of the line after `exercise order gather`, found `now`\n\
             line 2, column 27: expected the end of the line after `exercise target 90 gather`, found `\"x\"`",
        ),
        (
            "task a\nexercise order gather",
            "line 2, column 1: expected a step (`work`, `wait`, `print`, `call`, `yield`), `task` or `helper`, found the header `exercise` (headers go before the first `task` or `helper`)",
        ),
        (
            "Exercise order gather\ntask a",
            "line 1, column 1: expected a header (`recipe`, `unit`, `scale`, `story`, `exercise`), `task` or `helper`, found `Exercise` (keywords are written in lower case)",
        ),
        // Unknown words.
        (
            "bake 10\ntask a",
            "line 1, column 1: expected a header (`recipe`, `unit`, `scale`, `story`, `exercise`), `task` or `helper`, found `bake`",
        ),
        (
            "task a\n  Work 10",
            "line 2, column 3: expected a step (`work`, `wait`, `print`, `call`, `yield`), `task` or `helper`, found `Work` (keywords are written in lower case)",
        ),
        (
            "\"cake\"\ntask a",
            "line 1, column 1: expected a header (`recipe`, `unit`, `scale`, `story`, `exercise`), `task` or `helper`, found `\"cake\"`",
        ),
        (
            "work 10\ntask a",
            "line 1, column 1: expected `task NAME` or `helper NAME` before the first step, found `work`",
        ),
        // `unawaited`.
        (
            "task a\n  unawaited work 3",
            "line 2, column 13: expected `wait`, `call` or `yield` after `unawaited` (only an awaited step can miss its `await`), found `work`",
        ),
        (
            "task a\n  unawaited",
            "line 2, column 12: expected `wait`, `call` or `yield` after `unawaited` (only an awaited step can miss its `await`), found the end of the line",
        ),
        // Task and helper lines.
        (
            "task\n",
            "line 1, column 5: expected a name after `task` (letters, digits and `_`, not starting with a digit), found the end of the line",
        ),
        (
            "task 1cake\n  work 1\ntask my-cake",
            "line 1, column 6: expected a name after `task` (letters, digits and `_`, not starting with a digit), found `1cake`\n\
             line 3, column 6: expected a name after `task` (letters, digits and `_`, not starting with a digit), found `my-cake`",
        ),
        (
            "task a x0",
            "line 1, column 8: expected at least 1 copy, found `x0`",
        ),
        (
            "task a 5",
            "line 1, column 8: expected copies such as `x5` or the end of the line after `task a`, found `5`",
        ),
        (
            "task a x2 x3",
            "line 1, column 11: expected the end of the line after `task a x2`, found `x3`",
        ),
        (
            "task a\nhelper h x2",
            "line 2, column 10: expected the end of the line after `helper h` (a helper runs once per call, so it has no copies), found `x2`",
        ),
        // A bad task line still opens its task: the steps below are checked, not blamed elsewhere.
        (
            "task 9\n  wait x\ntask b",
            "line 1, column 6: expected a name after `task` (letters, digits and `_`, not starting with a digit), found `9`\n\
             line 2, column 8: expected a number of units after `wait`, found `x`",
        ),
    ];
    check_errs(table);
}

#[test]
fn names_and_calls_are_checked_after_reading() {
    let table: &[(&str, &str)] = &[
        (
            "",
            "line 1, column 1: expected at least one `task`, found none (write `task NAME` and its steps below the headers)",
        ),
        (
            "recipe \"r\"\nhelper h\n  work 1\n",
            "line 4, column 1: expected at least one `task`, found none (write `task NAME` and its steps below the headers)",
        ),
        (
            "task a\n  call foo",
            "line 2, column 8: no helper named `foo`: expected the name of a helper, and this recipe has none",
        ),
        (
            "task a\n  call foo\nhelper water\nhelper melon",
            "line 2, column 8: no helper named `foo`: expected one of `water`, `melon`",
        ),
        (
            "task a\ntask b\n  call a",
            "line 3, column 8: expected the name of a helper after `call`, found `a`, which is a task (only helpers can be called; `main` starts the tasks)",
        ),
        (
            "task a\nhelper a\ntask a",
            "line 2, column 8: expected a new name, found `a`, which the task on line 1 already has (every task and helper needs its own name)\n\
             line 3, column 6: expected a new name, found `a`, which the task on line 1 already has (every task and helper needs its own name)",
        ),
        (
            "task t\n  call h\nhelper h\n  call h",
            "line 4, column 8: expected a call to a helper that does not call back, found a recursive call: `h` → `h` (a helper cannot call itself, directly or through other helpers)",
        ),
        (
            "task t\n  call a\nhelper a\n  call b\nhelper b\n  work 1\n  call c\nhelper c\n  call a",
            "line 9, column 8: expected a call to a helper that does not call back, found a recursive call: `a` → `b` → `c` → `a` (a helper cannot call itself, directly or through other helpers)",
        ),
        // A cycle nobody calls is still reported.
        (
            "task t\nhelper a\n  call b\nhelper b\n  call a",
            "line 5, column 8: expected a call to a helper that does not call back, found a recursive call: `a` → `b` → `a` (a helper cannot call itself, directly or through other helpers)",
        ),
        // Several errors at once, sorted by position.
        (
            "task a\n  call nope\n  wait x\nunit s\ntask a",
            "line 2, column 8: no helper named `nope`: expected the name of a helper, and this recipe has none\n\
             line 3, column 8: expected a number of units after `wait`, found `x`\n\
             line 4, column 1: expected a step (`work`, `wait`, `print`, `call`, `yield`), `task` or `helper`, found the header `unit` (headers go before the first `task` or `helper`)\n\
             line 5, column 6: expected a new name, found `a`, which the task on line 1 already has (every task and helper needs its own name)",
        ),
    ];
    check_errs(table);
}
