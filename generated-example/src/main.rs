//! provider-errors the way a user uses it: `build.rs` generates typed codes from
//! `../schema`, this file `include!`s them, then turns the codes found in real
//! response bodies (printed on the providers' pages, see `fixtures/`) into typed
//! values and prints what each one means.

include!(concat!(env!("OUT_DIR"), "/provider_errors.rs"));

use serde_json::Value;

/// One line of the printed table.
struct Row {
    provider: &'static str,
    raw: String,
    variant: String,
    message: String,
    kind: CanonicalKind,
    retry: RetryAdvice,
}

impl Row {
    fn new<T: std::fmt::Debug>(
        provider: &'static str,
        raw: impl ToString,
        value: &T,
        message: Option<&str>,
        kind: CanonicalKind,
        retry: RetryAdvice,
    ) -> Self {
        Row {
            provider,
            raw: raw.to_string(),
            variant: format!("{value:?}"),
            message: message.unwrap_or("(undocumented)").to_owned(),
            kind,
            retry,
        }
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the fixtures are valid JSON")
}

/// DataForSEO sends HTTP 200 with `status_code` in the body and in every task; its
/// errors endpoint lists every internal code.
fn dataforseo(rows: &mut Vec<Row>) {
    let body = json(include_str!("../fixtures/dataforseo_errors_endpoint.json"));
    let results = body["tasks"][0]["result"].as_array().cloned().unwrap_or_default();
    for item in results
        .iter()
        .filter_map(|r| r["code"].as_u64())
        .filter_map(|c| u32::try_from(c).ok())
    {
        let status = dataforseo::Status::from_code(item);
        rows.push(Row::new(
            "DataForSEO",
            item,
            &status,
            status.message(),
            status.kind(),
            status.retry(),
        ));
    }
    // A code the page does not list keeps its value instead of failing.
    let undocumented = dataforseo::Status::from_code(40299);
    rows.push(Row::new(
        "DataForSEO",
        40299,
        &undocumented,
        None,
        undocumented.kind(),
        undocumented.retry(),
    ));
}

/// Serplify sends a real HTTP status and `error.code`.
fn serplify(rows: &mut Vec<Row>) {
    for text in [
        include_str!("../fixtures/serplify_validation_error.json"),
        include_str!("../fixtures/serplify_insufficient_balance.json"),
    ] {
        let body = json(text);
        let raw = body["error"]["code"].as_str().unwrap_or_default();
        let code = serplify::ErrorCode::from_code(raw);
        rows.push(Row::new(
            "Serplify",
            raw,
            &code,
            code.message(),
            code.kind(),
            code.retry(),
        ));
    }
}

/// SerpApi sends an HTTP status, `search_metadata.status` and a free-text `error`.
fn serpapi(rows: &mut Vec<Row>) {
    let fixtures = [
        include_str!("../fixtures/serpapi_invalid_api_key.json"),
        include_str!("../fixtures/serpapi_out_of_searches.json"),
        include_str!("../fixtures/serpapi_missing_query.json"),
        include_str!("../fixtures/serpapi_search_error.json"),
        include_str!("../fixtures/serpapi_empty_organic_results.json"),
    ];
    for text in fixtures {
        let fixture = json(text);
        let status = fixture["http_status"]
            .as_u64()
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(0);
        let http = serpapi::Http::from_code(status);
        rows.push(Row::new(
            "SerpApi",
            status,
            &http,
            http.message(),
            http.kind(),
            http.retry(),
        ));
        if let Some(text) = fixture["body"]["error"].as_str() {
            let error = serpapi::ErrorMessage::from_code(text);
            rows.push(Row::new(
                "SerpApi",
                "error",
                &error,
                error.message(),
                error.kind(),
                error.retry(),
            ));
        }
    }
}

/// Seven Bridges and the plain HTTP catalogue: numeric codes.
fn numeric(rows: &mut Vec<Row>) {
    for raw in [1000, 5002, 6009, 90008] {
        let code = seven_bridges::Code::from_code(raw);
        rows.push(Row::new(
            "Seven Bridges",
            raw,
            &code,
            code.message(),
            code.kind(),
            code.retry(),
        ));
    }
    for raw in [200, 404, 429, 503, 599] {
        let status = http::Status::from_code(raw);
        rows.push(Row::new(
            "HTTP",
            raw,
            &status,
            status.message(),
            status.kind(),
            status.retry(),
        ));
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

fn main() {
    let mut rows = Vec::new();
    dataforseo(&mut rows);
    serplify(&mut rows);
    serpapi(&mut rows);
    numeric(&mut rows);
    println!(
        "{:<13} {:>6} {:<34} {:<48} {:<19} retry",
        "provider", "code", "variant", "message", "kind"
    );
    for row in &rows {
        println!(
            "{:<13} {:>6} {:<34} {:<48} {:<19} {}",
            row.provider,
            shorten(&row.raw, 6),
            shorten(&row.variant, 34),
            shorten(&row.message, 48),
            row.kind,
            row.retry
        );
    }
    println!("{} codes classified", rows.len());
}
