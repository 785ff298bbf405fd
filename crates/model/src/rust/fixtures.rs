//! The Rust corpus's programs, for the tests: each file of `corpus/`, read once, with what its
//! header line says rustc must do with it (`// corpus: run`, or `// corpus: error E0728`).

use std::path::PathBuf;
use std::sync::OnceLock;

/// One corpus program.
pub(crate) struct Fixture {
    /// Its file's name, such as `r_trpl_first_example.rs`.
    pub name: String,
    /// Its file.
    pub path: PathBuf,
    /// Its text, as it is (its header lines are comments).
    pub source: String,
}

impl Fixture {
    /// Its file's name without `.rs`, such as `r_trpl_first_example`.
    pub fn stem(&self) -> &str {
        self.name.strip_suffix(".rs").unwrap_or(&self.name)
    }

    /// What its header says rustc does with it: `run`, or `error` and a code.
    pub fn header(&self) -> &str {
        let first = self.source.lines().next().unwrap_or_default();
        first.strip_prefix("// corpus: ").map_or("", str::trim)
    }

    /// Whether rustc builds it and it runs (`// corpus: run`).
    pub fn runs(&self) -> bool {
        self.header() == "run"
    }
}

/// Every corpus program, by name.
pub(crate) fn corpus() -> &'static [Fixture] {
    static CORPUS: OnceLock<Vec<Fixture>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/rust/corpus");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| Fixture {
                name: path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                source: std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
                path,
            })
            .collect()
    })
}
