//! Generates typed provider codes from the bundled schemas into `OUT_DIR`, with
//! response classification (`classify`, which needs `serde_json`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(e) = provider_errors_codegen::Config::new()
        .schema("../schema")
        .classify(true)
        .write_to_out_dir()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
