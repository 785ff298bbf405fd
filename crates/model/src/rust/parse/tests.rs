//! The parser held by data-driven tests: each program's tree written out as nested forms, one
//! item or statement per line with its place, or the parser's error with its place.

use expect_test::{Expect, expect};

use super::super::ast::{Block, Expr, ExprKind, ItemKind, Pat, StmtKind};
use super::parse;

fn pat(p: &Pat) -> String {
    match p {
        Pat::Name(n) => n.clone(),
        Pat::Wild => "_".to_owned(),
        Pat::Tuple(parts) => format!("({})", parts.iter().map(pat).collect::<Vec<_>>().join(", ")),
    }
}

fn list(exprs: &[Expr]) -> String {
    exprs.iter().map(expr).collect::<Vec<_>>().join(" ")
}

fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(n) => n.to_string(),
        ExprKind::Float(x) => format!("{x:?}"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Char(c) => format!("{c:?}"),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Path(p) => p.join("::"),
        ExprKind::Call(f, args) => format!("(call {} {})", expr(f), list(args)),
        ExprKind::Method(r, m, args) => format!("(.{m} {} {})", expr(r), list(args)),
        ExprKind::Await(v, _) => format!("(await {})", expr(v)),
        ExprKind::Try(v) => format!("(? {})", expr(v)),
        ExprKind::Macro(p, args) => {
            let args: Vec<String> = args
                .iter()
                .map(|a| match &a.name {
                    Some(n) => format!("{n}={}", expr(&a.value)),
                    None => expr(&a.value),
                })
                .collect();
            format!("({}! {})", p.join("::"), args.join(" "))
        }
        ExprKind::Async(b) => format!("(async {})", block(b)),
        ExprKind::Closure(ps, body) => format!("(|{}| {})", ps.join(","), expr(body)),
        ExprKind::Block(b) => block(b),
        ExprKind::Binary(op, l, r) => format!("({op} {} {})", expr(l), expr(r)),
        ExprKind::Unary(op, v) => format!("({op}{})", expr(v)),
        ExprKind::Ref(v) => format!("(& {})", expr(v)),
        ExprKind::Cast(v, t) => format!("(as {} {t})", expr(v)),
        ExprKind::Range(l, h, inc) => {
            format!(
                "({} {} {})",
                if *inc { "..=" } else { ".." },
                expr(l),
                expr(h)
            )
        }
        ExprKind::For(p, it, b) => format!("(for {} {} {})", pat(p), expr(it), block(b)),
        ExprKind::Assign(n, op, v) => format!("({n} {}= {})", op.unwrap_or(""), expr(v)),
        ExprKind::Return(v) => {
            format!("(return {})", v.as_ref().map_or(String::new(), |v| expr(v)))
        }
        ExprKind::Tuple(parts) => format!("(tuple {})", list(parts)),
        ExprKind::Array(parts) => format!("[{}]", list(parts)),
    }
}

fn block(b: &Block) -> String {
    let mut parts: Vec<String> = b
        .stmts
        .iter()
        .map(|s| {
            let text = match &s.kind {
                StmtKind::Let(p, v) => {
                    format!(
                        "let {} = {}",
                        pat(p),
                        v.as_ref().map_or("-".to_owned(), expr)
                    )
                }
                StmtKind::Expr(e) => expr(e),
                StmtKind::Item(_) => "item".to_owned(),
            };
            format!("{}:{} {text};", s.start.line, s.start.column)
        })
        .collect();
    if let Some(tail) = &b.tail {
        parts.push(format!("tail {}", expr(tail)));
    }
    format!("{{ {} }}", parts.join(" "))
}

fn check(source: &str, expect: Expect) {
    let out = match parse(source) {
        Ok(file) => {
            let mut out = String::new();
            for item in &file.items {
                let line = match &item.kind {
                    ItemKind::Use(names) => {
                        let names: Vec<String> = names
                            .iter()
                            .map(|(p, alias)| format!("{} as {alias}", p.join("::")))
                            .collect();
                        format!("use {}", names.join(", "))
                    }
                    ItemKind::Fn(f) => {
                        let attrs: Vec<String> = f
                            .attrs
                            .iter()
                            .map(|a| format!("#[{}] ", a.path.join("::")))
                            .collect();
                        let params: Vec<&str> = f.params.iter().map(|(p, _)| p.as_str()).collect();
                        format!(
                            "{}{}fn {}({}) {}",
                            attrs.concat(),
                            if f.is_async { "async " } else { "" },
                            f.name,
                            params.join(", "),
                            block(&f.body)
                        )
                    }
                };
                out.push_str(&format!(
                    "{}:{} {line}\n",
                    item.start.line, item.start.column
                ));
            }
            out
        }
        Err(e) => format!("error at {}:{}: {}\n", e.line, e.column, e.message),
    };
    expect.assert_eq(&out);
}

#[test]
fn the_async_chapters_first_example() {
    check(
        r#"use std::time::Duration;

fn main() {
    trpl::run(async {
        trpl::spawn_task(async {
            for i in 1..10 {
                println!("hi number {i} from the first task!");
                trpl::sleep(Duration::from_millis(500)).await;
            }
        });

        for i in 1..5 {
            println!("hi number {i} from the second task!");
            trpl::sleep(Duration::from_millis(500)).await;
        }
    });
}
"#,
        expect![[r#"
            1:1 use std::time::Duration as Duration
            3:1 fn main() { 4:5 (call trpl::run (async { 5:9 (call trpl::spawn_task (async { tail (for i (.. 1 10) { 7:17 (println! "hi number {i} from the first task!"); 8:17 (await (call trpl::sleep (call Duration::from_millis 500))); }) })); tail (for i (.. 1 5) { 13:13 (println! "hi number {i} from the second task!"); 14:13 (await (call trpl::sleep (call Duration::from_millis 500))); }) })); }
        "#]],
    );
}

#[test]
fn tokio_main_with_joins_tuples_and_types() {
    check(
        r#"#![allow(unused)]
use tokio::time::{sleep, Duration as D};
use std::{thread, time::*};

async fn cook(name: &'static str, secs: u64) -> u64 {
    sleep(D::from_secs(secs)).await;
    println!("{name} done after {:?}", D::from_secs(secs));
    secs * 2
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (a, b): (u64, u64) = tokio::join!(cook("tea", 1), cook("toast", 2));
    let handle = tokio::spawn(async move { cook("eggs", 3).await });
    let total = handle.await.unwrap() + a as u64 - -b;
    let mut n = 0;
    n += 1;
    let futures: Vec<_> = (0..=2).map(|i| cook("x", i)).collect();
    println!("{total} {}", n, total = total);
}
"#,
        expect![[r#"
            2:1 use tokio::time::sleep as sleep, tokio::time::Duration as D
            3:1 use std::thread as thread, std::time as *
            5:1 async fn cook(name, secs) { 6:5 (await (call sleep (call D::from_secs secs))); 7:5 (println! "{name} done after {:?}" (call D::from_secs secs)); tail (* secs 2) }
            11:1 #[tokio::main] async fn main() { 13:5 let (a, b) = (tokio::join! (call cook "tea" 1) (call cook "toast" 2)); 14:5 let handle = (call tokio::spawn (async { tail (await (call cook "eggs" 3)) })); 15:5 let total = (- (+ (.unwrap (await handle) ) (as a u64)) (-b)); 16:5 let n = 0; 17:5 (n += 1); 18:5 let futures = (.collect (.map (..= 0 2) (|i| (call cook "x" i))) ); 19:5 (println! "{total} {}" n total=total); }
        "#]],
    );
}

#[test]
fn mistakes_in_rustcs_words_and_the_pages() {
    check(
        "fn main() { let x = 1 }",
        expect![[r#"
        error at 1:23: expected one of `.`, `;`, `?`, `else`, or an operator, found `}`
    "#]],
    );
    check(
        "fn main() { if true { } }",
        expect![[r#"
        error at 1:13: `if` is not in the page's Rust: the page runs the same steps on every run: write the branch that runs
    "#]],
    );
    check(
        "struct Oven;",
        expect![[r#"
        error at 1:1: `struct` is not in the page's Rust: keep the program's values in `let` bindings
    "#]],
    );
    check(
        "fn main() { x.0 }",
        expect![[r#"
        error at 1:15: the page's Rust reads no tuple fields (`.0`): bind the tuple's parts with `let (a, b) = …;`
    "#]],
    );
    check(
        "fn main() { foo(1, 2 }",
        expect![[r#"
        error at 1:22: expected `)`, found `}`
    "#]],
    );
    check(
        "fn main() { let v = vec![0; 3]; }",
        expect![[r#"
        error at 1:27: `vec![value; n]` is not in the page's Rust: write each element
    "#]],
    );
    check(
        "async fn main() { println!(\"a\") println!(\"b\") }",
        expect![[r#"
        error at 1:33: expected one of `.`, `;`, `?`, `}`, or an operator, found `println`
    "#]],
    );
    check(
        "fn main() {",
        expect![[r#"
        error at 1:11: this file contains an unclosed delimiter
    "#]],
    );
}
