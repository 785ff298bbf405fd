//! The lexer, by example: each token on a line with its place, and each mistake with rustc's
//! words at its place.

use expect_test::{Expect, expect};

use super::{Kind, lex};

/// The tokens of `text`, one a line: `line:column kind`, or the mistake.
fn check(text: &str, expect: Expect) {
    let out = match lex(text) {
        Ok(tokens) => tokens
            .iter()
            .map(|t| {
                let kind = match &t.kind {
                    Kind::Name(n) => format!("name {n}"),
                    Kind::Lifetime(n) => format!("lifetime {n}"),
                    Kind::Int(v, s) => format!("int {v}{}", s.as_deref().unwrap_or("")),
                    Kind::Float(v, s) => format!("float {v:?}{}", s.as_deref().unwrap_or("")),
                    Kind::Str(s) => format!("str {s:?}"),
                    Kind::Char(c) => format!("char {c:?}"),
                    Kind::Op(o) => format!("op {o}"),
                    Kind::End => "end".to_owned(),
                };
                format!("{}:{} {kind}\n", t.start.line, t.start.column)
            })
            .collect(),
        Err(e) => format!("error at {}:{}: {}\n", e.line, e.column, e.message),
    };
    expect.assert_eq(&out);
}

#[test]
fn the_async_chapters_first_program() {
    check(
        r#"fn main() {
    trpl::run(async {
        trpl::spawn_task(async { // the spawned one
            for i in 1..10 {
                println!("hi number {i} from the first task!");
                trpl::sleep(Duration::from_millis(500)).await;
            }
        });
    });
}
"#,
        expect![[r#"
            1:1 name fn
            1:4 name main
            1:8 op (
            1:9 op )
            1:11 op {
            2:5 name trpl
            2:9 op ::
            2:11 name run
            2:14 op (
            2:15 name async
            2:21 op {
            3:9 name trpl
            3:13 op ::
            3:15 name spawn_task
            3:25 op (
            3:26 name async
            3:32 op {
            4:13 name for
            4:17 name i
            4:19 name in
            4:22 int 1
            4:23 op ..
            4:25 int 10
            4:28 op {
            5:17 name println
            5:24 op !
            5:25 op (
            5:26 str "hi number {i} from the first task!"
            5:62 op )
            5:63 op ;
            6:17 name trpl
            6:21 op ::
            6:23 name sleep
            6:28 op (
            6:29 name Duration
            6:37 op ::
            6:39 name from_millis
            6:50 op (
            6:51 int 500
            6:54 op )
            6:55 op )
            6:56 op .
            6:57 name await
            6:62 op ;
            7:13 op }
            8:9 op }
            8:10 op )
            8:11 op ;
            9:5 op }
            9:6 op )
            9:7 op ;
            10:1 op }
            11:1 end
        "#]],
    );
}

#[test]
fn numbers_with_separators_bases_and_suffixes() {
    check(
        "1_000 0x1F 0o17 0b1010 2u64 0.5 0.5_f64 1e-3 2. 1..=3 1.max 7f64",
        expect![[r#"
            1:1 int 1000
            1:7 int 31
            1:12 int 15
            1:17 int 10
            1:24 int 2u64
            1:29 float 0.5
            1:33 float 0.5f64
            1:41 float 0.001
            1:46 float 2.0
            1:49 int 1
            1:50 op ..=
            1:53 int 3
            1:55 int 1
            1:56 op .
            1:57 name max
            1:61 float 7.0f64
            1:65 end
        "#]],
    );
}

#[test]
fn strings_escapes_raw_strings_chars_and_lifetimes() {
    check(
        r####"
"a\tb\n\"q\" \u{1F980} \x41" r"C:\no\escape" r##"a "# b"## b"bytes" '\'' 'x' &'static str
"line \
    joined"
"####,
        expect![[r##"
            2:1 str "a\tb\n\"q\" 🦀 A"
            2:30 str "C:\\no\\escape"
            2:46 str "a \"# b"
            2:60 str "bytes"
            2:69 char '\''
            2:74 char 'x'
            2:78 op &
            2:79 lifetime static
            2:87 name str
            3:1 str "line joined"
            5:1 end
        "##]],
    );
}

#[test]
fn comments_are_skipped_nested_ones_whole() {
    check(
        "/* outer /* inner */ still */ a // to the end\n/// doc\nb",
        expect![[r#"
            1:31 name a
            3:1 name b
            3:2 end
        "#]],
    );
}

#[test]
fn mistakes_in_rustcs_words_at_their_place() {
    check(
        "let s = \"open\n",
        expect![[r#"
        error at 1:9: unterminated double quote string
    "#]],
    );
    check(
        "a /* never closed",
        expect![[r#"
        error at 1:3: unterminated block comment
    "#]],
    );
    check(
        "\"\\q\"",
        expect![[r#"
        error at 1:2: unknown character escape: `q`
    "#]],
    );
    check(
        "let c = 'ab';",
        expect![[r#"
            error at 1:9: character literal may only contain one codepoint: write a string in double quotes
        "#]],
    );
    check(
        "x ` y",
        expect![[r#"
        error at 1:3: unknown start of token: `
    "#]],
    );
    check(
        "5km",
        expect![[r#"
        error at 1:1: invalid suffix `km` for number literal
    "#]],
    );
    check(
        "r#!",
        expect![[r#"
        error at 1:1: found invalid character; only `#` is allowed in raw string delimitation
    "#]],
    );
}

#[test]
fn operators_longest_first() {
    check(
        "a::b -> c => d ..= e .. f &&g || h += i <<= j != k",
        expect![[r#"
        1:1 name a
        1:2 op ::
        1:4 name b
        1:6 op ->
        1:9 name c
        1:11 op =>
        1:14 name d
        1:16 op ..=
        1:20 name e
        1:22 op ..
        1:25 name f
        1:27 op &&
        1:29 name g
        1:31 op ||
        1:34 name h
        1:36 op +=
        1:39 name i
        1:41 op <<=
        1:45 name j
        1:47 op !=
        1:50 name k
        1:51 end
    "#]],
    );
}
