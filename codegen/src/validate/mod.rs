//! From the serde types to the model: every check that needs more than one value,
//! defaults applied, names resolved. Problems are collected, never fail-fast.

mod repeats;
mod values;

pub(crate) use values::nearest;

use crate::error::{Ctxt, Origin};
use crate::ident;
use crate::load::{Loaded, SourceFile};
use crate::model::{self, Catalog, Code, CodeType, IntType, Kind, MatchMode, Outcome, Retry};
use crate::schema::{self, Location, RawCode};
use repeats::{list, report_name_collisions, report_repeats};
use values::{
    check, check_date, check_id, http_status, is_dotted_path, keyword, non_empty, wider_types, written_or,
};

/// The name of every table's catch-all variant; no entry may take it.
pub const CATCH_ALL: &str = "Unknown";

/// Builds the catalog from loaded files, reporting every problem in `cx`.
pub(crate) fn catalog(files: Vec<Loaded>, cx: &mut Ctxt) -> Catalog {
    let mut files = files;
    let mut providers: Vec<model::Provider> = files.iter_mut().map(|file| provider(file, cx)).collect();
    providers.sort_by(|a, b| a.id.cmp(&b.id));
    let ids = files
        .iter()
        .map(|f| (format!("`{}`", f.provider.id), f.source.origin("provider.id")));
    report_repeats(cx, ids, "provider id", "rename one `provider.id`");
    // Names derived from the same id are the id's problem, reported above.
    let names = distinct_sources(providers.iter().map(|p| (&p.rust_name, &p.id, &p.origin)));
    report_repeats(
        cx,
        names,
        "provider rust_name",
        "set a distinct `provider.rust_name`",
    );
    Catalog { providers }
}

/// `(name, origin)` of the items whose `name` is shared only by items of other ids.
fn distinct_sources<'a>(
    items: impl Iterator<Item = (&'a String, &'a String, &'a Origin)>,
) -> impl Iterator<Item = (String, Origin)> + Clone {
    // A set, not a list: a file of 50 000 tables took 11 s in `contains`.
    let mut seen: std::collections::HashSet<(&String, &String)> = Default::default();
    let mut out = Vec::new();
    for (name, id, origin) in items {
        if seen.insert((name, id)) {
            out.push((format!("`{name}`"), origin.clone()));
        }
    }
    out.into_iter()
}

/// Takes the file's tables: each entry is freed as soon as it is in the model.
fn provider(file: &mut Loaded, cx: &mut Ctxt) -> model::Provider {
    let schema_tables = std::mem::take(&mut file.tables);
    let (src, p) = (&file.source, &file.provider);
    if let Some(v) = file.schema_version.filter(|v| *v != 1) {
        cx.error_help(
            src.origin("schema_version"),
            format!("unknown schema_version {v}"),
            "only version 1 exists",
        );
    }
    check_id(cx, src.origin("provider.id"), &p.id);
    non_empty(cx, src, "provider.name", &p.name);
    if let Some(url) = &p.source.url {
        non_empty(cx, src, "provider.source.url", url);
    }
    check_date(cx, src, "provider.source.retrieved", &p.source.retrieved);
    let rust_name = written_or(cx, src, "provider.rust_name", p.rust_name.as_deref(), || {
        ident::type_name(&p.id)
    });
    let tables: Vec<model::Table> = schema_tables
        .into_iter()
        .map(|(i, t)| table(src, &format!("tables[{i}]"), t, cx))
        .collect();
    let ids = tables.iter().map(|t| {
        (
            format!("`{}`", t.id),
            src.origin(&format!("{}.id", t.origin.path)),
        )
    });
    report_repeats(cx, ids, "table id", "rename one `id`");
    let names = distinct_sources(tables.iter().map(|t| (&t.rust_name, &t.id, &t.origin)));
    report_repeats(
        cx,
        names,
        "table rust_name",
        "set a distinct `rust_name` on one table",
    );
    model::Provider {
        id: p.id.clone(),
        name: p.name.clone(),
        rust_name,
        module: ident::module_name(&p.id),
        source_url: p.source.url.clone(),
        retrieved: p.source.retrieved.clone(),
        notes: p.notes.clone(),
        tables,
        origin: src.origin("provider"),
    }
}

fn table(src: &SourceFile, at: &str, mut t: crate::load::LoadedTable, cx: &mut Ctxt) -> model::Table {
    let key = |k: &str| format!("{at}.{k}");
    check_id(cx, src.origin(&key("id")), &t.id);
    non_empty(cx, src, &key("name"), &t.name);
    let rust_name = written_or(cx, src, &key("rust_name"), t.rust_name.as_deref(), || {
        ident::type_name(&t.id)
    });
    let code_type = code_type(src, at, &t, cx);
    let wire = wire(src, &key("wire"), &t, cx);
    // Consumed: each schema entry is dropped once its model entry is built, so the
    // two copies of a large table are never alive together.
    let entries: Vec<model::Entry> = std::mem::take(&mut t.entries)
        .into_iter()
        .map(|(j, e)| entry(src, &format!("{at}.entries[{j}]"), &e, code_type, &wire, cx))
        .collect();
    let codes = entries
        .iter()
        .map(|e| (format!("`{}`", e.code), e.origin.clone()));
    report_repeats(
        cx,
        codes,
        "code",
        "list each code once; record its other texts under `also_documented`",
    );
    report_name_collisions(cx, &entries);
    model::Table {
        id: t.id.clone(),
        name: t.name.clone(),
        description: t.description.clone(),
        rust_name,
        code_type,
        wire,
        notes: t.notes.clone(),
        errata: t.errata.clone(),
        entries,
        origin: src.origin(at),
    }
}

fn code_type<E>(src: &SourceFile, at: &str, t: &schema::Table<E>, cx: &mut Ctxt) -> CodeType {
    match (t.code_type, &t.rust_type) {
        (schema::CodeType::String, None) => CodeType::Str,
        (schema::CodeType::String, Some(_)) => {
            cx.error_help(
                src.origin(&format!("{at}.rust_type")),
                "`rust_type` applies to integer tables only",
                "remove `rust_type`, or set `code_type: integer`",
            );
            CodeType::Str
        }
        (schema::CodeType::Integer, None) if t.wire.location == Location::HttpStatus => {
            CodeType::Int(IntType::U16)
        }
        (schema::CodeType::Integer, None) => CodeType::Int(IntType::U32),
        (schema::CodeType::Integer, Some(name)) => match IntType::ALL.iter().find(|(_, n)| n == name) {
            Some((ty, _)) => CodeType::Int(*ty),
            None => {
                let names = IntType::ALL.map(|(_, n)| n);
                let near = nearest(name, &names)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                cx.error_help(
                    src.origin(&format!("{at}.rust_type")),
                    format!("unknown rust_type `{name}`{near}"),
                    format!("expected one of {}", list(names.map(|n| format!("`{n}`")))),
                );
                CodeType::Int(IntType::U32)
            }
        },
    }
}

fn wire<E>(src: &SourceFile, at: &str, t: &schema::Table<E>, cx: &mut Ctxt) -> model::Wire {
    let w = &t.wire;
    let key = |k: &str| src.origin(&format!("{at}.{k}"));
    match (w.location, &w.field) {
        (Location::JsonBody, None) => cx.error_help(
            src.origin(at),
            "`location: json_body` needs `field`",
            "name the body field that carries the code, as a dotted path like `error.code`",
        ),
        (Location::HttpStatus, Some(_)) => cx.error_help(
            key("field"),
            "`field` does not apply to `location: http_status`",
            "remove `field`, or use `location: json_body`",
        ),
        _ => {}
    }
    if w.location == Location::HttpStatus && t.code_type == schema::CodeType::String {
        cx.error_help(
            key("location"),
            "HTTP status codes are integers",
            "set `code_type: integer`",
        );
    }
    for (name, path) in [
        ("field", &w.field),
        ("message_field", &w.message_field),
        ("items", &w.items),
        ("request_id_field", &w.request_id_field),
        ("details_field", &w.details_field),
    ] {
        if let Some(path) = path.as_deref().filter(|p| !is_dotted_path(p)) {
            cx.error_help(
                key(name),
                format!("`{path}` is not a dotted path"),
                "write field names separated by `.`, like `search_metadata.status`",
            );
        }
    }
    let match_mode = match w.match_mode.as_deref() {
        None | Some("exact") => MatchMode::Exact,
        Some("normalize_whitespace") if t.code_type == schema::CodeType::String => {
            MatchMode::NormalizeWhitespace
        }
        Some("normalize_whitespace") => {
            cx.error_help(
                key("match"),
                "`match` applies to string tables only",
                "remove `match`",
            );
            MatchMode::Exact
        }
        Some(other) => {
            cx.error(
                key("match"),
                format!("unknown match `{other}`; expected one of `exact`, `normalize_whitespace`"),
            );
            MatchMode::Exact
        }
    };
    let precedence = precedence(cx, at, src, w);
    model::Wire {
        location: w.location,
        field: w.field.clone(),
        message_field: w.message_field.clone(),
        http_status: w.http_status.and_then(|s| http_status(cx, key("http_status"), s)),
        items: w.items.clone(),
        request_id_field: w.request_id_field.clone(),
        details_field: w.details_field.clone(),
        match_mode,
        precedence,
    }
}

/// `wire.precedence`: 0..=255, and only where a body is read.
fn precedence(cx: &mut Ctxt, at: &str, src: &SourceFile, w: &schema::Wire) -> u8 {
    let Some(written) = w.precedence else {
        return 0;
    };
    let origin = src.origin(&format!("{at}.precedence"));
    if w.location == Location::HttpStatus {
        cx.error_help(
            origin,
            "`precedence` does not apply to `location: http_status`",
            "remove `precedence`: the HTTP status is consulted after every body table",
        );
        return 0;
    }
    u8::try_from(written).unwrap_or_else(|_| {
        cx.error_help(
            origin,
            format!("precedence {written} is outside 0..=255"),
            "use a small number: the highest wins, equal ones go in file order",
        );
        0
    })
}

fn entry(
    src: &SourceFile,
    at: &str,
    e: &schema::Entry,
    code_type: CodeType,
    wire: &model::Wire,
    cx: &mut Ctxt,
) -> model::Entry {
    let key = |k: &str| format!("{at}.{k}");
    let code = code(cx, src.origin(&key("code")), &e.code, code_type);
    non_empty(cx, src, &key("message"), &e.message);
    let kind = keyword(
        cx,
        src,
        &key("kind"),
        Some(&e.kind),
        Kind::parse,
        Kind::ALL,
        Kind::as_str,
    )
    .unwrap_or(Kind::Unknown);
    let retry = keyword(
        cx,
        src,
        &key("retry"),
        e.retry.as_deref(),
        Retry::parse,
        Retry::ALL,
        Retry::as_str,
    );
    let outcome = keyword(
        cx,
        src,
        &key("outcome"),
        e.outcome.as_deref(),
        Outcome::parse,
        Outcome::ALL,
        Outcome::as_str,
    );
    let mut status = e
        .http_status
        .and_then(|s| http_status(cx, src.origin(&key("http_status")), s));
    if let (Location::HttpStatus, Code::Int(n)) = (wire.location, &code) {
        if status.is_some_and(|s| i128::from(s) != *n) {
            cx.error_help(
                src.origin(&key("http_status")),
                format!(
                    "`http_status` {} differs from the code {n} of an `http_status` table",
                    status.unwrap_or(0)
                ),
                "remove `http_status`: it is the code itself",
            );
        }
        status = u16::try_from(*n).ok();
    }
    let rust_name = match &e.rust_name {
        Some(name) => {
            check(cx, src.origin(&key("rust_name")), ident::check_rust_name(name));
            name.clone()
        }
        None => derived_name(cx, src, at, &code, &e.message),
    };
    for (i, alt) in e.also_documented.iter().enumerate() {
        non_empty(
            cx,
            src,
            &key(&format!("also_documented[{i}].message")),
            &alt.message,
        );
    }
    if let Some(date) = &e.undocumented_since {
        check_date(cx, src, &key("undocumented_since"), date);
    }
    // The generated code stores an absent text as `""` (BENCHMARKS.md), so an empty
    // one cannot be told from none: refused rather than silently turned into `None`.
    for (k, text) in [("description", &e.description), ("category", &e.category)] {
        if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            cx.error_help(
                src.origin(&key(k)),
                "is empty",
                format!("remove `{k}`, or write the text as the documentation gives it"),
            );
        }
    }
    model::Entry {
        code,
        message: e.message.clone(),
        description: e.description.clone(),
        http_status: status,
        category: e.category.clone(),
        kind,
        retry: retry.unwrap_or_else(|| kind.default_retry()),
        outcome: outcome.unwrap_or_else(|| kind.default_outcome()),
        rust_name,
        also_documented: e
            .also_documented
            .iter()
            .map(|a| (a.message.clone(), a.source.clone()))
            .collect(),
        notes: e.notes.clone(),
        errata: e.errata.clone(),
        undocumented_since: e.undocumented_since.clone(),
        origin: src.origin(at),
    }
}

/// The variant name when the schema gives none: from the code of a string table,
/// from the message of an integer table, `CodeN` when the message has no letters.
fn derived_name(cx: &mut Ctxt, src: &SourceFile, at: &str, code: &Code, message: &str) -> String {
    let derived = match code {
        Code::Str(s) => ident::derive_variant(s),
        Code::Int(n) => ident::derive_variant(message)
            .or_else(|| Some(format!("Code{}", n.to_string().replace('-', "Minus")))),
    };
    derived.unwrap_or_else(|| {
        if *code == Code::Str(String::new()) {
            return "EmptyCode".to_owned(); // reported as an empty code already
        }
        cx.error_help(
            src.origin(&format!("{at}.code")),
            format!("no variant name can be derived from the code {code}"),
            "add a `rust_name` to this entry",
        );
        // Unique, so the error above is not followed by a spurious name collision.
        at.chars().filter(char::is_ascii_alphanumeric).collect::<String>()
    })
}

fn code(cx: &mut Ctxt, origin: Origin, raw: &RawCode, code_type: CodeType) -> Code {
    match (raw, code_type) {
        (RawCode::Int(n), CodeType::Int(ty)) => {
            let (min, max) = ty.range();
            if *n < min || *n > max {
                cx.error_help(
                    origin,
                    format!("code {n} does not fit `{}` ({min}..={max})", ty.name()),
                    wider_types(ty, *n),
                );
            }
            Code::Int(*n)
        }
        (RawCode::Str(s), CodeType::Str) => {
            if s.is_empty() {
                cx.error(origin, "code is an empty string");
            }
            Code::Str(s.clone())
        }
        (RawCode::Str(s), CodeType::Int(_)) => {
            cx.error_help(
                origin,
                format!("string code {s:?} in an integer table"),
                "write the code as a number, or set the table's `code_type: string`",
            );
            Code::Str(s.clone())
        }
        (RawCode::Int(n), CodeType::Str) => {
            cx.error_help(
                origin,
                format!("integer code {n} in a string table"),
                format!("quote it (`\"{n}\"`), or set the table's `code_type: integer`"),
            );
            Code::Int(*n)
        }
    }
}
