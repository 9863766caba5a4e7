//! Schema directories that hold no usable schema: each says so by name, no panic.

use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("provider-errors-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn error_text(dir: &PathBuf) -> String {
    provider_errors_codegen::load(&[dir]).unwrap_err().to_string()
}

#[test]
fn an_empty_directory_is_reported() {
    let dir = temp_dir("empty");
    std::fs::write(dir.join("notes.txt"), "not a schema").unwrap();
    assert!(error_text(&dir).contains("no schema files in this directory"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_named() {
    let dir = temp_dir("links");
    std::os::unix::fs::symlink("b.yaml", dir.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink("a.yaml", dir.join("b.yaml")).unwrap();
    std::os::unix::fs::symlink("missing.yaml", dir.join("c.yaml")).unwrap();
    let text = error_text(&dir);
    for name in ["a.yaml", "b.yaml", "c.yaml"] {
        assert!(
            text.contains(&format!("{name}: cannot read the schema file")),
            "{text}"
        );
    }
    assert!(!text.contains("no schema files"), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_directory_of_directories_is_not_descended() {
    let dir = temp_dir("nested");
    std::fs::create_dir_all(dir.join("inner.yaml")).unwrap();
    assert!(error_text(&dir).contains("no schema files in this directory"));
    std::fs::remove_dir_all(dir).unwrap();
}
