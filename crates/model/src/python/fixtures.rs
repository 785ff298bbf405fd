//! The corpus's programs, for the tests: each file of `corpus/`, read once, with the form and the
//! way of running its header line gives (`# corpus: script`, `notebook`, ` real`).

use std::path::PathBuf;
use std::sync::OnceLock;

use super::lower::Form;

/// One corpus program.
pub(crate) struct Fixture {
    /// Its file's name, such as `t000_test_async.py`.
    pub name: String,
    /// Its file.
    pub path: PathBuf,
    /// Its text, as it is (its header lines are comments).
    pub source: String,
    /// How it is run: a script or a notebook cell.
    pub form: Form,
    /// Whether CPython runs it in real time (a process pool cannot share the virtual clock).
    pub real: bool,
}

/// Every corpus program, by name.
pub(crate) fn corpus() -> &'static [Fixture] {
    static CORPUS: OnceLock<Vec<Fixture>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/python/corpus");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| {
                let source = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let header = source.lines().next().unwrap_or_default();
                Fixture {
                    name: path
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                    form: if header.contains("notebook") {
                        Form::Notebook
                    } else {
                        Form::Script
                    },
                    real: header.contains("real"),
                    source,
                    path,
                }
            })
            .collect()
    })
}

/// The corpus program of this file name.
pub(crate) fn fixture(name: &str) -> &'static Fixture {
    corpus()
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no corpus program {name}"))
}
