//! The writer both views use: lines with indentation and comments in the language's style, and the
//! line of every step, so the page can highlight the running one.

use super::{CodeView, Language};
use crate::recipe::StepId;

/// Collects the lines of a view and the line of every step.
pub(crate) struct Writer {
    language: Language,
    lines: Vec<String>,
    steps: Vec<(StepId, usize)>,
    statements: Vec<String>,
}

impl Writer {
    /// An empty view in `language`.
    pub(crate) fn new(language: Language) -> Writer {
        Writer {
            language,
            lines: Vec::new(),
            steps: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// Adds a line indented by `depth` levels of four spaces; an empty text gives an empty line.
    pub(crate) fn line(&mut self, depth: usize, text: &str) {
        let line = if text.is_empty() {
            String::new()
        } else {
            format!("{}{text}", "    ".repeat(depth))
        };
        self.lines.push(line);
    }

    /// Adds `code` with an optional trailing comment, in the language's comment style.
    pub(crate) fn commented(&mut self, depth: usize, code: &str, comment: Option<&str>) {
        match (comment, self.language) {
            (None, _) => self.line(depth, code),
            (Some(c), Language::Rust) => self.line(depth, &format!("{code} // {c}")),
            // PEP 8 puts two spaces before an inline comment.
            (Some(c), Language::Python) => self.line(depth, &format!("{code}  # {c}")),
        }
    }

    /// Adds the line of one step and remembers where it is.
    pub(crate) fn step(&mut self, id: StepId, depth: usize, code: &str, comment: Option<&str>) {
        self.steps.push((id, self.lines.len()));
        self.statements.push(code.to_owned());
        self.commented(depth, code, comment);
    }

    /// Adds the line of a step that several lanes run, and remembers it for each of `ids`.
    pub(crate) fn steps(
        &mut self,
        ids: impl IntoIterator<Item = StepId>,
        depth: usize,
        code: &str,
        comment: Option<&str>,
    ) {
        for id in ids {
            self.steps.push((id, self.lines.len()));
            self.statements.push(code.to_owned());
        }
        self.commented(depth, code, comment);
    }

    /// Adds a full-line comment.
    pub(crate) fn comment(&mut self, depth: usize, text: &str) {
        match self.language {
            Language::Rust => self.line(depth, &format!("// {text}")),
            Language::Python => self.line(depth, &format!("# {text}")),
        }
    }

    /// Separates top-level items: one empty line in Rust, two in Python, as their style guides say.
    pub(crate) fn gap(&mut self) {
        let count = match self.language {
            Language::Rust => 1,
            Language::Python => 2,
        };
        for _ in 0..count {
            self.line(0, "");
        }
    }

    /// The finished view; its text ends with a newline.
    pub(crate) fn finish(self) -> CodeView {
        let mut text = self.lines.join("\n");
        text.push('\n');
        CodeView {
            language: self.language,
            text,
            step_lines: self.steps,
            statements: self.statements,
        }
    }
}
