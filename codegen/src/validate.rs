//! From the serde types to the model: every check that needs more than one value,
//! defaults applied, names resolved. Problems are collected, never fail-fast.

use crate::error::{Ctxt, Origin};
use crate::ident;
use crate::load::{Loaded, SourceFile};
use crate::model::{self, Catalog, Code, CodeType, IntType, Kind, MatchMode, Outcome, Retry};
use crate::schema::{self, Location, RawCode};
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

/// The name of every table's catch-all variant; no entry may take it.
pub const CATCH_ALL: &str = "Unknown";

/// Names of the generated enums' associated items (`expand/table/`) that are
/// UpperCamelCase: a variant of the same name would make `Self::NAME` ambiguous (the
/// test `no_variant_can_take_the_name_of_an_associated_item` finds them all).
const RESERVED: &[&str] = &[
    CATCH_ALL,
    "ALL",
    "PROVIDER",
    "TABLE",
    "CODES",
    "SORTED",
    "MESSAGES",
    "DESCRIPTIONS",
    "CATEGORIES",
    "KINDS",
    "RETRIES",
    "OUTCOMES",
    "NAMES",
    "DISPLAYS",
];

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

/// Parses a keyword (kind, retry, outcome), suggesting the nearest valid one.
fn keyword<T: Copy>(
    cx: &mut Ctxt,
    src: &SourceFile,
    at: &str,
    written: Option<&str>,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Option<T> {
    let written = written?;
    let parsed = parse(written);
    if parsed.is_none() {
        let field = at.rsplit('.').next().unwrap_or(at);
        let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        let mut message = format!(
            "unknown {field} `{written}`; expected one of {}",
            list(names.iter().map(|n| format!("`{n}`")))
        );
        if let Some(near) = nearest(written, &names) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        cx.error(src.origin(at), message);
    }
    parsed
}

/// The candidate closest to `word`, if any is close.
pub(crate) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn http_status(cx: &mut Ctxt, origin: Origin, status: u64) -> Option<u16> {
    if (100..=599).contains(&status) {
        u16::try_from(status).ok()
    } else {
        cx.error_help(
            origin,
            format!("HTTP status {status} is outside 100..=599"),
            "write the HTTP status number the code arrives with, like 429",
        );
        None
    }
}

fn written_or(
    cx: &mut Ctxt,
    src: &SourceFile,
    at: &str,
    written: Option<&str>,
    default: impl FnOnce() -> String,
) -> String {
    match written {
        Some(name) => {
            check(cx, src.origin(at), ident::check_rust_name(name));
            name.to_owned()
        }
        None => default(),
    }
}

fn check(cx: &mut Ctxt, origin: Origin, result: Result<(), String>) {
    if let Err(message) = result {
        cx.error_help(
            origin,
            message,
            "rename it: names are UpperCamelCase identifiers that are not keywords",
        );
    }
}

fn check_id(cx: &mut Ctxt, origin: Origin, id: &str) {
    if let Err(message) = ident::check_id(id) {
        cx.error_help(origin, message, "rename it, like `acme_cloud`");
    }
}

fn non_empty(cx: &mut Ctxt, src: &SourceFile, at: &str, text: &str) {
    if text.trim().is_empty() {
        cx.error_help(
            src.origin(at),
            "is empty",
            "write the text as the documentation gives it",
        );
    }
}

fn check_date(cx: &mut Ctxt, src: &SourceFile, at: &str, date: &str) {
    let parts: Vec<&str> = date.split('-').collect();
    let valid = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let num = |s: &str| s.parse::<u32>().ok();
            match (num(y), num(m), num(d)) {
                (Some(y), Some(m @ 1..=12), Some(d)) => d >= 1 && d <= days_in_month(y, m),
                _ => false,
            }
        }
        _ => false,
    };
    if !valid {
        cx.error_help(
            src.origin(at),
            format!("`{date}` is not a date"),
            "write it as YYYY-MM-DD",
        );
    }
}

/// The help for a code outside its table's type: the types that would hold it.
fn wider_types(current: IntType, code: i128) -> String {
    let fits: Vec<String> = IntType::ALL
        .iter()
        .filter(|(ty, _)| *ty != current && (ty.range().0..=ty.range().1).contains(&code))
        .map(|(_, name)| format!("`{name}`"))
        .collect();
    format!(
        "set the table's `rust_type` to one that holds it: {}",
        fits.join(", ")
    )
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_dotted_path(path: &str) -> bool {
    path.split('.').all(|seg| {
        let name = seg.strip_suffix("[]").unwrap_or(seg);
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

/// Which values may appear more than once. Almost every value is unique, so the
/// repeat checks count hashes first (a few bytes per item; grouping every value with
/// its places took 25 MB for 100 000 codes) and group only the values whose hash
/// repeats: a collision costs a little work, never a wrong report.
struct Repeats {
    hasher: std::hash::RandomState,
    counts: HashMap<u64, u32>,
}

impl Repeats {
    fn count<K: std::hash::Hash>(values: impl Iterator<Item = K>) -> Self {
        let hasher = std::hash::RandomState::new();
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for value in values {
            *counts.entry(hasher.hash_one(value)).or_default() += 1;
        }
        Repeats { hasher, counts }
    }

    fn may_repeat<K: std::hash::Hash + ?Sized>(&self, value: &K) -> bool {
        self.counts
            .get(&self.hasher.hash_one(value))
            .is_some_and(|n| *n > 1)
    }
}

/// Reports every value that appears more than once, naming all its places.
fn report_repeats<I>(cx: &mut Ctxt, items: I, what: &str, help: &str)
where
    I: Iterator<Item = (String, Origin)> + Clone,
{
    let repeats = Repeats::count(items.clone().map(|(key, _)| key));
    let repeated = |key: &String| repeats.may_repeat(key);
    let mut seen: BTreeMap<String, Vec<Origin>> = BTreeMap::new();
    for (key, origin) in items.filter(|(key, _)| repeated(key)) {
        seen.entry(key).or_default().push(origin);
    }
    for (key, origins) in seen.into_iter().filter(|(_, o)| o.len() > 1) {
        let (times, places) = (origins.len(), list_some(origins.iter().map(|o| o.to_string())));
        for origin in origins {
            cx.error_help(
                origin,
                format!("{what} {key} is defined {times} times: {places}"),
                help,
            );
        }
    }
}

/// Reports variant names shared by several entries, or taken by the catch-all.
fn report_name_collisions(cx: &mut Ctxt, entries: &[model::Entry]) {
    let repeats = Repeats::count(entries.iter().map(|e| e.rust_name.as_str()));
    let suspect = |name: &str| RESERVED.contains(&name) || repeats.may_repeat(name);
    let mut by_name: BTreeMap<&str, Vec<&model::Entry>> = BTreeMap::new();
    for e in entries.iter().filter(|e| suspect(&e.rust_name)) {
        by_name.entry(e.rust_name.as_str()).or_default().push(e);
    }
    for (name, group) in by_name {
        if RESERVED.contains(&name) {
            let why = if name == CATCH_ALL {
                "for undocumented codes"
            } else {
                "by the generated code"
            };
            for e in &group {
                cx.error_help(
                    e.origin.clone(),
                    format!("variant name `{name}` (code {}) is reserved {why}", e.code),
                    "give this entry another `rust_name`",
                );
            }
        } else if distinct_codes(&group) > 1 {
            let codes = list_some(group.iter().map(|e| e.code.to_string()));
            for e in &group {
                cx.error_help(
                    e.origin.clone(),
                    format!("variant name `{name}` is shared by codes {codes}"),
                    "give all but one of them a distinct `rust_name`",
                );
            }
        }
    }
}

/// Entries sharing a code are reported as duplicate codes, not as a name collision.
fn distinct_codes(group: &[&model::Entry]) -> usize {
    let mut codes: Vec<&Code> = group.iter().map(|e| &e.code).collect();
    codes.sort();
    codes.dedup();
    codes.len()
}

/// At most this many places or codes are listed in one diagnostic: each of the n
/// entries sharing a code gets a diagnostic, so listing all n in each would make
/// the report quadratic (10 000 copies of one code printed 4.5 GB).
const MAX_LISTED: usize = 5;

/// The first [`MAX_LISTED`] items, then how many more.
fn list_some<S: AsRef<str>>(items: impl ExactSizeIterator<Item = S>) -> String {
    let more = items.len().saturating_sub(MAX_LISTED);
    let shown = list(items.take(MAX_LISTED));
    if more == 0 {
        shown
    } else {
        format!("{shown} and {more} more")
    }
}

fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}
