//! The fuzz targets' inputs replayed in the plain test run, on the stable toolchain: every seed
//! under `fuzz/seeds/<target>/` (regressions a fuzzer once found are kept there as
//! `regression-*`) and every input a long run saved under `fuzz/artifacts/<target>/`, through
//! the same checks the targets run (`fuzz/checks.rs`). The timed fuzzing itself is
//! `scripts/fuzz.sh`.

use std::path::{Path, PathBuf};

#[path = "../../../fuzz/checks.rs"]
mod checks;

fn inputs(folder: &Path) -> Vec<PathBuf> {
    let mut files = crate::common::files_in(folder);
    files.sort();
    files
}

#[test]
fn every_seed_and_saved_input_passes_its_fuzz_target() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut failures = Vec::new();
    for (target, check) in checks::TARGETS {
        let seeds = inputs(&fuzz.join("seeds").join(target));
        assert!(!seeds.is_empty(), "{target} has no seeds");
        for file in seeds
            .iter()
            .chain(&inputs(&fuzz.join("artifacts").join(target)))
        {
            let data = std::fs::read(file).expect("input");
            if std::panic::catch_unwind(|| check(&data)).is_err() {
                failures.push(file.display().to_string());
            }
        }
    }
    assert!(failures.is_empty(), "inputs that fail: {failures:?}");
}
