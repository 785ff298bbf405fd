//! Long lists of lines drawn in blocks: the code panel's program and the console's prints.
//!
//! A learner's program may have 8 700 lines and print 3 500, of which a dozen are in view, and a
//! key press changes a few of them. Drawn line by line, every key press had Yew compare every line
//! (70 to 90 ms at the bench's 256 KiB program). Drawn as blocks of [`BLOCK_LINES`] lines, each a
//! component whose properties compare the block's own lines, only the blocks that changed are
//! drawn again. This file owns the blocks and what makes two of them the same; the code panel and
//! the console say what a block holds. One component draws both kinds, as each component costs
//! the first look its own share of Yew's machinery (two cost 2.7 KB gzip, one 1.4 KB).

use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::code::{CodeView, Mark};
use crate::model::format::Fixed;
use crate::model::run::RunResult;

/// How many lines one block holds.
pub const BLOCK_LINES: usize = 64;

/// The byte ranges of `text`'s blocks of [`BLOCK_LINES`] lines, each ending after its last
/// newline.
pub fn text_blocks(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..]
            .match_indices('\n')
            .nth(BLOCK_LINES - 1)
            .map_or(text.len(), |(i, _)| start + i + 1);
        let range = start..end;
        start = end;
        Some(range)
    })
}

/// What a block shows.
pub enum Block {
    /// Lines of a program: `range` of `view`'s text, which begins with 0-based line `first`, and
    /// the marks of its lines.
    Code {
        /// The program the block is part of.
        view: Rc<CodeView>,
        /// The block's text in the view's.
        range: Range<usize>,
        /// The 0-based line the block begins with.
        first: usize,
        /// The marks of the block's lines.
        marks: Vec<Mark>,
    },
    /// Lines a run printed: `range` of its console, dimmed from the block's `later`th line on.
    Console {
        /// The run whose prints these are.
        result: Rc<RunResult>,
        /// The block's lines, by index in the run's console.
        range: Range<usize>,
        /// From which of the block's lines on they are dimmed, if the cursor dims any.
        later: Option<usize>,
    },
}

/// Properties of [`Lines`].
#[derive(Properties)]
pub struct LinesProps {
    /// The block.
    pub block: Block,
    /// Whether its list has more than one block, so that the browser may skip this one while it
    /// is out of view.
    pub skip: bool,
}

/// Two blocks are the same when they show the same lines, drawn alike, whichever reading of the
/// program or prediction they come from: at each key press those are new, and most blocks are
/// not.
impl PartialEq for LinesProps {
    fn eq(&self, other: &Self) -> bool {
        if self.skip != other.skip {
            return false;
        }
        match (&self.block, &other.block) {
            (
                Block::Code {
                    view,
                    range,
                    first,
                    marks,
                },
                Block::Code {
                    view: view_b,
                    range: range_b,
                    first: first_b,
                    marks: marks_b,
                },
            ) => {
                first == first_b
                    && marks == marks_b
                    && view.text.get(range.clone()) == view_b.text.get(range_b.clone())
            }
            (
                Block::Console {
                    result,
                    range,
                    later,
                },
                Block::Console {
                    result: result_b,
                    range: range_b,
                    later: later_b,
                },
            ) => {
                if Rc::ptr_eq(result, result_b) {
                    return range == range_b && later == later_b;
                }
                let (lines, lines_b) = (
                    result.timeline.console.get(range.clone()),
                    result_b.timeline.console.get(range_b.clone()),
                );
                later == later_b
                    && result.recipe.unit == result_b.recipe.unit
                    && result.recipe.scale_ms == result_b.recipe.scale_ms
                    && lines == lines_b
                    && lines
                        .into_iter()
                        .flatten()
                        .all(|l| lane_name(result, l.task) == lane_name(result_b, l.task))
            }
            _ => false,
        }
    }
}

/// A block of lines: a program's, each with its number and mark, or a console's, each with its
/// time and the task that printed it.
#[function_component]
pub fn Lines(props: &LinesProps) -> Html {
    let skip = props.skip;
    match &props.block {
        Block::Code {
            view,
            range,
            first,
            marks,
        } => {
            let text = view.text.get(range.clone()).unwrap_or_default();
            html! {
                <span class="lines" style={ skip.then(|| skipped(text.lines().count())) }>
                    { for text.lines().enumerate().map(|(k, line)| {
                        let i = first + k;
                        let mark = marks.iter().find(|m| m.line == i);
                        let current = mark.is_some_and(|m| m.strong).then_some("code-line-current");
                        let mark = mark.map(|m| {
                            let strength = if m.strong { "strong" } else { "weak" };
                            format!("line {} {strength}", m.state.word())
                        });
                        html! {
                            <span class={ mark.unwrap_or_else(|| "line".to_owned()) } data-line={ (i + 1).to_string() } data-testid={ current }>
                                { line }{ "\n" }
                            </span>
                        }
                    }) }
                </span>
            }
        }
        Block::Console {
            result,
            range,
            later,
        } => {
            let recipe = &result.recipe;
            let lines = result
                .timeline
                .console
                .get(range.clone())
                .unwrap_or_default();
            // A list of its own for the browser to skip when out of view, but not for a screen
            // reader, to which the console is one list of every line (`role`s).
            html! {
                <ol class="lines" role="none" style={ skip.then(|| skipped(lines.len())) }>
                { for lines.iter().enumerate().map(|(k, line)| html! {
                    <li role="listitem" class={ later.is_some_and(|p| k >= p).then_some("later") }>
                        <span class="at">
                            { format!("{:>7} {}", Fixed(recipe.units(line.at), 2).to_string(), recipe.unit.symbol()) }
                        </span>
                        <span class="who">{ recipe_name(result, line.task) }</span>
                        <span class="text">{ &line.text }</span>
                    </li>
                }) }
                </ol>
            }
        }
    }
}

/// The style of a block of `lines` lines that the browser may skip laying out and painting while
/// it is out of view, in a list of more than one block: until it is drawn, it stands as tall as
/// its lines unwrapped, then as tall as it was. (Only in a long list, which stands at its
/// region's full height anyway: a short one whose lines wrap would grow as it came into view and
/// move what is below it under the learner's pointer.)
fn skipped(lines: usize) -> String {
    format!(
        "content-visibility: auto; contain-intrinsic-block-size: auto {}em",
        Fixed(lines as f64 * 1.45, 2)
    )
}

/// The name of a task instance's lane, if the run has it.
fn lane_name(result: &RunResult, task: usize) -> Option<&str> {
    result.timeline.lanes.get(task).map(|l| l.name.as_str())
}

/// The name of a task instance's lane, or a placeholder if the trace names one the recipe lacks.
fn recipe_name(result: &RunResult, task: usize) -> String {
    lane_name(result, task).map_or_else(|| format!("task {task}"), str::to_owned)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::{BLOCK_LINES, Block, LinesProps, text_blocks};
    use crate::model::code::{CodeView, Language, Mark};
    use crate::model::{Mode, State, text};

    fn numbered(lines: usize, last_newline: bool) -> String {
        let mut text: String = (0..lines).map(|i| format!("line {i}\n")).collect();
        if !last_newline {
            text.pop();
        }
        text
    }

    #[test]
    fn blocks_cover_the_text_in_runs_of_block_lines() {
        for (lines, last_newline) in [(0, true), (1, false), (64, true), (65, true), (200, false)] {
            let text = numbered(lines, last_newline);
            let blocks: Vec<_> = text_blocks(&text).collect();
            assert_eq!(blocks.len(), lines.div_ceil(BLOCK_LINES), "{lines} lines");
            let joined: String = blocks.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(joined, text, "the blocks are the text, in order");
            for (b, range) in blocks.iter().enumerate() {
                let first = text[range.clone()].lines().next();
                let expected = format!("line {}", b * BLOCK_LINES);
                assert_eq!(
                    first,
                    Some(expected.as_str()),
                    "block {b} begins with its first line"
                );
            }
        }
    }

    fn code(text: &str) -> Rc<CodeView> {
        Rc::new(CodeView {
            language: Language::Python,
            text: text.to_owned(),
            step_lines: Vec::new(),
            statements: Vec::new(),
        })
    }

    fn code_block(view: &Rc<CodeView>, b: usize, marks: Vec<Mark>) -> LinesProps {
        let range = text_blocks(&view.text).nth(b).unwrap_or_default();
        LinesProps {
            block: Block::Code {
                view: view.clone(),
                range,
                first: b * BLOCK_LINES,
                marks,
            },
            skip: true,
        }
    }

    #[test]
    fn a_code_block_is_the_same_when_its_own_lines_and_marks_are() {
        let before = code(&numbered(200, true));
        let after = code(&format!("{}print(\"edit\")\n", numbered(200, true)));
        assert!(code_block(&before, 0, vec![]) == code_block(&after, 0, vec![]));
        assert!(
            code_block(&before, 3, vec![]) != code_block(&after, 3, vec![]),
            "the last block changed"
        );
        let mark = Mark {
            line: 3,
            state: State::Running,
            strong: true,
        };
        assert!(code_block(&before, 0, vec![mark]) != code_block(&after, 0, vec![]));
        assert!(code_block(&before, 0, vec![]) != code_block(&after, 1, vec![]));
    }

    fn console_block(
        recipe: &str,
        range: std::ops::Range<usize>,
        later: Option<usize>,
    ) -> LinesProps {
        let recipe = Rc::new(text::parse(recipe).unwrap_or_else(|e| panic!("{e:?}")));
        let prediction = Rc::new(crate::model::run::Prediction::new(&recipe, Mode::Gather));
        LinesProps {
            block: Block::Console {
                result: Rc::new(crate::model::run::RunResult::predicted(
                    recipe,
                    Mode::Gather,
                    prediction,
                )),
                range,
                later,
            },
            skip: false,
        }
    }

    #[test]
    fn a_console_block_is_the_same_when_its_own_lines_are_printed_alike() {
        let one = "recipe \"r\"\nunit ms\nscale 1\n\ntask a\n  print \"one\"\n  wait 5\n  print \"two\"\n";
        let more = format!("{one}  print \"three\"\n");
        assert!(
            console_block(one, 0..2, None) == console_block(&more, 0..2, None),
            "a new prediction, the same lines"
        );
        assert!(
            console_block(one, 0..2, None) != console_block(&more, 0..2, Some(1)),
            "dimmed from the cursor on"
        );
        assert!(console_block(one, 0..2, None) != console_block(&more, 1..3, None));
        let renamed = one.replace("task a", "task b");
        assert!(
            console_block(one, 0..2, None) != console_block(&renamed, 0..2, None),
            "another task printed them"
        );
        let slower = one.replace("scale 1", "scale 2");
        assert!(
            console_block(one, 0..2, None) != console_block(&slower, 0..2, None),
            "at other times"
        );
    }
}
