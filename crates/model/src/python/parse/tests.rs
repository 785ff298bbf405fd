//! The parser's tests: programs in, their trees written out as text (each statement with its line
//! and column, each expression in Python with every operation in parentheses), or the error.

use std::fmt::Write as _;

use expect_test::{Expect, expect};

use super::parse;
use crate::python::ast::{Arg, Expr, ExprKind, Stmt, StmtKind, StrPiece, Target, UnaryOp};
use crate::python::fixtures::fixture;

fn check(source: &str, expect: Expect) {
    let out = match parse(source) {
        Ok(module) => {
            let mut out = String::new();
            for stmt in &module.body {
                stmt_text(&mut out, stmt, 0);
            }
            out
        }
        Err(e) => format!("error: {e}\n"),
    };
    expect.assert_eq(&out);
}

fn stmt_text(out: &mut String, stmt: &Stmt, depth: usize) {
    let at = format!("{}:{}", stmt.start.line, stmt.start.column);
    let lines = if stmt.last_line == stmt.start.line {
        at
    } else {
        format!("{at}-{}", stmt.last_line)
    };
    let indent = "  ".repeat(depth);
    let head = match &stmt.kind {
        StmtKind::Import(names) => format!("import {}", aliases(names)),
        StmtKind::From { module, names } => format!("from {module} import {}", aliases(names)),
        StmtKind::Def(def) => {
            let params: Vec<String> = def
                .params
                .iter()
                .map(|p| match &p.default {
                    Some(d) => format!("{}={}", p.name, expr(d)),
                    None => p.name.clone(),
                })
                .collect();
            let kw = if def.is_async { "async def" } else { "def" };
            format!("{kw} {}({})", def.name, params.join(", "))
        }
        StmtKind::Return(Some(value)) => format!("return {}", expr(value)),
        StmtKind::Return(None) => "return".to_owned(),
        StmtKind::If { test, .. } => format!("if {}", expr(test)),
        StmtKind::For { target, iter, .. } => {
            format!("for {} in {}", target_text(target), expr(iter))
        }
        StmtKind::While { test, .. } => format!("while {}", expr(test)),
        StmtKind::With {
            is_async, items, ..
        } => {
            let items: Vec<String> = items
                .iter()
                .map(|(e, t)| match t {
                    Some(t) => format!("{} as {}", expr(e), target_text(t)),
                    None => expr(e),
                })
                .collect();
            let kw = if *is_async { "async with" } else { "with" };
            format!("{kw} {}", items.join(", "))
        }
        StmtKind::Assign { targets, value } => {
            let targets: Vec<String> = targets.iter().map(target_text).collect();
            format!("{} = {}", targets.join(" = "), expr(value))
        }
        StmtKind::AugAssign { target, op, value } => {
            format!("{} {}= {}", target_text(target), op.symbol(), expr(value))
        }
        StmtKind::Expr(value) => expr(value),
        StmtKind::Pass => "pass".to_owned(),
    };
    let _ = writeln!(out, "{indent}{lines} {head}");
    let blocks: Vec<(&str, &Vec<Stmt>)> = match &stmt.kind {
        StmtKind::Def(def) => vec![("", &def.body)],
        StmtKind::If { body, orelse, .. } => vec![("", body), ("else", orelse)],
        StmtKind::For { body, .. } | StmtKind::While { body, .. } | StmtKind::With { body, .. } => {
            vec![("", body)]
        }
        _ => Vec::new(),
    };
    for (label, block) in blocks {
        if block.is_empty() {
            continue;
        }
        if !label.is_empty() {
            let _ = writeln!(out, "{indent}{label}");
        }
        for inner in block {
            stmt_text(out, inner, depth + 1);
        }
    }
}

fn aliases(names: &[(String, Option<String>)]) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|(n, a)| match a {
            Some(a) => format!("{n} as {a}"),
            None => n.clone(),
        })
        .collect();
    names.join(", ")
}

fn target_text(target: &Target) -> String {
    match target {
        Target::Name(name, _) => name.clone(),
        Target::Tuple(items, _) => {
            let items: Vec<String> = items.iter().map(target_text).collect();
            format!("({})", items.join(", "))
        }
    }
}

fn expr(e: &Expr) -> String {
    let list = |items: &[Expr]| items.iter().map(expr).collect::<Vec<_>>().join(", ");
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Int(n) => n.to_string(),
        ExprKind::Float(x) => format!("{x:?}"),
        ExprKind::Str(pieces) => format!("f{:?}", pieces_text(pieces)),
        ExprKind::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        ExprKind::None => "None".to_owned(),
        ExprKind::List(items) => format!("[{}]", list(items)),
        ExprKind::Tuple(items) => format!("({},)", list(items)),
        ExprKind::Attribute(value, name) => format!("{}.{name}", expr(value)),
        ExprKind::Call(f, args) => {
            let args: Vec<String> = args
                .iter()
                .map(|a| match a {
                    Arg::Positional(v) => expr(v),
                    Arg::Keyword(k, v) => format!("{k}={}", expr(v)),
                })
                .collect();
            format!("{}({})", expr(f), args.join(", "))
        }
        ExprKind::Subscript(v, i) => format!("{}[{}]", expr(v), expr(i)),
        ExprKind::Await(v) => format!("(await {})", expr(v)),
        ExprKind::Unary(op, v) => {
            let op = if *op == UnaryOp::Neg { "-" } else { "+" };
            format!("({op}{})", expr(v))
        }
        ExprKind::Not(v) => format!("(not {})", expr(v)),
        ExprKind::Binary(op, l, r) => format!("({} {} {})", expr(l), op.symbol(), expr(r)),
        ExprKind::Compare(first, rest) => {
            let mut s = format!("({}", expr(first));
            for (op, v) in rest {
                let _ = write!(s, " {} {}", op.symbol(), expr(v));
            }
            s + ")"
        }
        ExprKind::BoolOp(and, values) => {
            let op = if *and { " and " } else { " or " };
            format!("({})", values.iter().map(expr).collect::<Vec<_>>().join(op))
        }
        ExprKind::IfElse { test, body, orelse } => {
            format!("({} if {} else {})", expr(body), expr(test), expr(orelse))
        }
        ExprKind::Comprehension {
            list,
            element,
            target,
            iter,
            conditions,
        } => {
            let mut s = format!(
                "{} for {} in {}",
                expr(element),
                target_text(target),
                expr(iter)
            );
            for c in conditions {
                let _ = write!(s, " if {}", expr(c));
            }
            if *list {
                format!("[{s}]")
            } else {
                format!("({s})")
            }
        }
        ExprKind::Starred(v) => format!("*{}", expr(v)),
    }
}

fn pieces_text(pieces: &[StrPiece]) -> String {
    let mut s = String::new();
    for piece in pieces {
        match piece {
            StrPiece::Text(t) => s.push_str(t),
            StrPiece::Field {
                value,
                debug,
                conversion,
                spec,
            } => {
                s.push('{');
                if let Some(d) = debug {
                    s.push_str(d);
                }
                s.push_str(&expr(value));
                if let Some(c) = conversion {
                    s.push('!');
                    s.push(*c);
                }
                if !spec.is_empty() {
                    s.push(':');
                    s.push_str(&pieces_text(spec));
                }
                s.push('}');
            }
        }
    }
    s
}

#[test]
fn the_first_tutorials_test_async_reads_with_every_line_placed() {
    // The corpus's copy of the tutorial's program, without its two header lines.
    let source: String = fixture("t000_test_async.py")
        .source
        .lines()
        .skip(2)
        .map(|line| format!("{line}\n"))
        .collect();
    check(
        &source,
        expect![[r#"
            1:1 import time
            2:1 import asyncio
            3:1 import random
            5:1 async def example_coroutine(i)
              6:5 time_io_wait = 3
              7:5 (await asyncio.sleep(time_io_wait))
            11:1 async def main()
              12:5 tasks = []
              13:5 t0 = time.time()
              14:5 for i in range(5)
                15:9 print(f"time passed after iter {i} is {(time.time() - t0)}")
                16:9 tasks.append(asyncio.ensure_future(example_coroutine(i)))
              18:5 (await asyncio.gather(*tasks))
            20:1 t0 = time.time()
            21:1 loop = asyncio.get_event_loop()
            22:1 loop.run_until_complete(main())
            23:1 loop.close()
            24:1 print(f"\nTotal time needed was {}\n".format((time.time() - t0)))
        "#]],
    );
}

#[test]
fn notebook_cells_await_at_the_top_and_docstrings_are_left_out() {
    check(
        r#"async def wait_for_melon(a):
    """Fetches a melon."""
    print('fetch melon')
    return a + ' melon'

print(f'fruit name : {await fruit()}')
await call_count()
"#,
        expect![[r#"
            1:1 async def wait_for_melon(a)
              3:5 print(f"fetch melon")
              4:5 return (a + f" melon")
            6:1 print(f"fruit name : {(await fruit())}")
            7:1 (await call_count())
        "#]],
    );
}

#[test]
fn blocks_comprehensions_and_calls_read_as_python_reads_them() {
    check(
        r#"
from concurrent.futures import (ProcessPoolExecutor,
    ThreadPoolExecutor as Pool)
if __name__ == '__main__':
    x = y = -2 ** 2 + 3 * (4 - 1) // 2 % 5
elif x >= 1 < 2:
    pass
else:
    a, b = await asyncio.gather(*(f(i) for i in range(3)), return_exceptions=False)
async def main(n, delay=0.5):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(f(i)) for i in range(n) if i != 2]
    with ProcessPoolExecutor() as pool: print(1, 2, sep='', end="\n"); total += 1e-3
    print("%s took %.2f" % (name, t), 'a' 'b', not x and y or z, q if q else r)
    print(f"{x=} {x!r:>{width}} {{literal}} {'inner'}")
"#,
        expect![[r#"
            2:1-3 from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor as Pool
            4:1 if (__name__ == f"__main__")
              5:5 x = y = ((-(2 ** 2)) + (((3 * (4 - 1)) // 2) % 5))
            else
              6:1 if (x >= 1 < 2)
                7:5 pass
              else
                9:5 (a, b) = (await asyncio.gather(*(f(i) for i in range(3)), return_exceptions=False))
            10:1 async def main(n, delay=0.5)
              11:5 async with asyncio.TaskGroup() as tg
                12:9 tasks = [tg.create_task(f(i)) for i in range(n) if (i != 2)]
              13:5 with ProcessPoolExecutor() as pool
                13:41 print(1, 2, sep=f"", end=f"\n")
                13:72 total += 0.001
              14:5 print((f"%s took %.2f" % (name, t,)), f"ab", (((not x) and y) or z), (q if q else r))
              15:5 print(f"{x=x} {x!r:>{width}} {literal} {f\"inner\"}")
        "#]],
    );
}

#[test]
fn what_is_not_in_the_subset_is_named_with_what_to_write_instead() {
    let cases = [
        (
            "class Cook:\n    pass\n",
            expect![
                "error: line 1, column 1: classes are not in the page's Python: write functions (`def`, `async def`)\n"
            ],
        ),
        (
            "x = {'a': 1}\n",
            expect![
                "error: line 1, column 5: dicts and sets are not in the page's Python: use a list\n"
            ],
        ),
        (
            "f = lambda: 1\n",
            expect![
                "error: line 1, column 5: `lambda` is not in the page's Python: write a `def`\n"
            ],
        ),
        (
            "x: int = 3\n",
            expect![
                "error: line 1, column 2: annotations (`x: int = …`) are not in the page's Python: write `x = …`\n"
            ],
        ),
    ];
    for (source, expect) in cases {
        check(source, expect);
    }
}

#[test]
fn syntax_errors_say_what_cpython_says_with_the_place() {
    let cases = [
        (
            "def func_1(args):\n    #something\n    await func2()\n",
            expect![
                "error: line 3, column 5: 'await' outside async function: only an `async def` can await; make this function `async def` (and await it where it is called)\n"
            ],
        ),
        (
            "print('one)\n",
            expect![
                "error: line 1, column 7: unterminated string literal (detected at line 1): close it with the quote it began with\n"
            ],
        ),
        (
            "x = '''\nmore\n",
            expect![
                "error: line 1, column 5: unterminated triple-quoted string literal (detected at line 3): close it with the quote it began with\n"
            ],
        ),
        (
            "print((1, 2)\nx = 3\n",
            expect!["error: line 1, column 6: `(` was never closed\n"],
        ),
        (
            "x = [1, 2)\n",
            expect![
                "error: line 1, column 10: closing parenthesis `)` does not match opening parenthesis `[` at line 1, column 5\n"
            ],
        ),
        (
            "if x:\n        a = 1\n    b = 2\n",
            expect![
                "error: line 3, column 5: unindent does not match any outer indentation level: this line's indentation is neither its block's nor the block's around it\n"
            ],
        ),
        (
            "async def f():\nprint(1)\n",
            expect![
                "error: line 2, column 1: expected an indented block: the lines of a block are indented further than the line that ends with `:`\n"
            ],
        ),
        (
            "x = 1\n    y = 2\n",
            expect!["error: line 2, column 5: unexpected indent\n"],
        ),
        (
            "print(f'{x')\n",
            expect!["error: line 1, column 9: f-string: expecting `}` to close this field\n"],
        ),
        (
            "print(f'a } b')\n",
            expect![
                "error: line 1, column 11: f-string: single `}` is not allowed: write `}}` for a brace\n"
            ],
        ),
        (
            "return 3\n",
            expect!["error: line 1, column 1: 'return' outside function\n"],
        ),
        (
            "f() = 3\n",
            expect![
                "error: line 1, column 1: cannot assign to function call here. Maybe you meant '==' instead of '='?\n"
            ],
        ),
        (
            "print(1 2)\n",
            expect![
                "error: line 1, column 9: invalid syntax: expected `)` to close the call's arguments, found the number `2`\n"
            ],
        ),
        (
            "x = 3j\n",
            expect![
                "error: line 1, column 5: invalid number `3j`: complex numbers are not in the page's Python\n"
            ],
        ),
        (
            "x = 1 $ 2\n",
            expect!["error: line 1, column 7: invalid character: `$` is not Python\n"],
        ),
    ];
    for (source, expect) in cases {
        check(source, expect);
    }
}

#[test]
fn strings_resolve_their_escapes_and_join_side_by_side() {
    check(
        "print('tab\\there', r'raw\\n', \"q\\\"uote\", '\\x41\\101', 'a' \\\n  'b')\n",
        expect![[r#"
            1:1-2 print(f"tab\there", f"raw\\n", f"q\"uote", f"AA", f"ab")
        "#]],
    );
}

#[test]
fn nesting_too_deep_is_an_error_rather_than_a_stack_overflow() {
    let deep =
        |open: &str, close: &str, n: usize| format!("x = {}1{}\n", open.repeat(n), close.repeat(n));
    check(&deep("(", ")", 63), expect!["1:1 x = 1\n"]);
    check(
        &deep("[", "]", 63),
        expect![[r#"
        1:1 x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    "#]],
    );
    check(
        &deep("(", ")", 5000),
        expect!["error: line 1, column 205: too many nested parentheses\n"],
    );
    check(
        &deep("-", "", 100_000),
        expect![[r#"
            error: line 1, column 69: too many nested expressions
        "#]],
    );
    check(
        &deep("not ", "", 100_000),
        expect![[r#"
            error: line 1, column 261: too many nested expressions
        "#]],
    );
    check(
        &format!("x = 2{}\n", "**2".repeat(100_000)),
        expect![[r#"
            error: line 1, column 197: too many nested expressions
        "#]],
    );
    let mut blocks = String::new();
    for level in 0..150 {
        blocks.push_str(&format!("{}if x:\n", " ".repeat(level)));
    }
    blocks.push_str(&format!("{}pass\n", " ".repeat(150)));
    check(
        &blocks,
        expect!["error: line 102, column 102: too many levels of indentation\n"],
    );
    check(
        "print(f'{x:{y:{z}}}')\n",
        expect!["error: line 1, column 15: f-string: expressions nested too deeply\n"],
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Whatever is typed, the reader answers with a tree or an error, never a panic.
    #[test]
    fn any_text_reads_or_fails_without_a_panic(source in "(?s).{0,200}") {
        let _ = parse(&source);
    }

    /// Python-looking text, built from the pieces programs are made of, reads or fails cleanly.
    #[test]
    fn python_looking_text_reads_or_fails_without_a_panic(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "async ", "def ", "f", "(", ")", ":", "\n", "    ", "await ", "asyncio.sleep(1)",
                "print(", "f'", "'", "{", "}", "x", " = ", "1", "for i in range(3):", ",", "\\",
                "\"\"\"", "#", "*", "-", "**", ".", "[", "]", "\t", "return ", "if ", "else:",
            ]),
            0..60,
        )
    ) {
        let _ = parse(&pieces.concat());
    }
}
