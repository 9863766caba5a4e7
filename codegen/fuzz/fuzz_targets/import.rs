//! The documentation-page readers on arbitrary text, then the whole import: every
//! reader, every format, the merge into a new schema, its YAML, and loading that back.
//!
//! Properties: nothing panics; a page that reads and merges gives YAML that the
//! schema writer's own reader accepts (the loader may still report problems, such as
//! names that collide, which `import` shows the user to fix by hand).

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_errors_codegen::import::{
    Format, front_matter, markdown, merge, pipe_table, readme_block, status_list,
};
use provider_errors_codegen::schema::{Provider, SchemaFile, Source};
use provider_errors_codegen::{Limits, load_sources, schema_yaml};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let page = page.as_ref();
    let _ = markdown::tables(page);
    let _ = markdown::dataforseo_endpoint_json(page);
    let _ = readme_block::parse(page);
    let _ = pipe_table::parse(page);
    let _ = pipe_table::code_header(page);
    let _ = status_list::summary(page);
    let _ = status_list::descriptions(page);
    let _ = front_matter(page, "url");
    for format in Format::ALL {
        if let Ok(read) = format.read(page) {
            import(&read);
        }
    }
});

fn import(page: &provider_errors_codegen::import::page::Page) {
    let mut schema = SchemaFile {
        schema_version: None,
        provider: Provider {
            id: "fuzz".to_owned(),
            name: "Fuzz".to_owned(),
            rust_name: None,
            source: Source {
                url: None,
                retrieved: "2026-01-01".to_owned(),
            },
            notes: Vec::new(),
        },
        tables: Vec::new(),
    };
    let opts = merge::Options {
        date: "2026-01-02".to_owned(),
        doc_name: "page.md".to_owned(),
        table: None,
    };
    if merge::merge(&mut schema, page, &opts).is_err() {
        return;
    }
    let text = schema_yaml::to_string(&schema).expect("a merged schema serializes");
    let name = Path::new("fuzz.yaml");
    let _ = load_sources(&[(name, text.as_bytes())], &Limits::default());
}
