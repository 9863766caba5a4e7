//! Generates typed provider codes from the bundled schemas into `OUT_DIR`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(e) = provider_errors_codegen::Config::new()
        .schema("../schema")
        .write_to_out_dir()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
