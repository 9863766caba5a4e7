//! Generates typed provider codes from the bundled schemas into `OUT_DIR`, with
//! response classification (`classify`, which needs `serde_json`); and, as a crate
//! with a very large table would, the HTTP catalogue as a struct of constants
//! (`TableShape::Constants`) into a second file.

use provider_errors_codegen::{Config, TableShape};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let all = Config::new()
        .schema("../schema")
        .classify(true)
        .write_to_out_dir();
    let constants = Config::new()
        .schema("../schema")
        .providers(["http"])
        .table_shape("http", "status", TableShape::Constants)
        .out_file_name("http_constants.rs")
        .write_to_out_dir();
    if let Err(e) = all.and(constants) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
