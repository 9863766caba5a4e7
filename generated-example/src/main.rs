//! provider-errors the way a user uses it: `build.rs` generates typed codes from
//! `../schema` (with `Config::classify`), this file `include!`s them, then
//!
//! 1. turns the codes found in the response bodies the providers' pages print (see
//!    `../tests/fixtures/responses/`) into typed values and prints what each means;
//! 2. classifies those responses end to end, HTTP status and body bytes in, typed
//!    outcome and retry step out, as a client would after each request;
//! 3. uses the HTTP catalogue generated as a struct of constants
//!    (`TableShape::Constants`, the shape for tables of tens of thousands of codes).

include!(concat!(env!("OUT_DIR"), "/provider_errors.rs"));

/// The HTTP catalogue as `TableShape::Constants` (`build.rs`). A binary that uses only
/// part of a generated file allows the rest to go unused (`AnyCode`, here).
#[allow(dead_code)]
mod as_constants {
    include!(concat!(env!("OUT_DIR"), "/http_constants.rs"));
}

use serde_json::Value;

/// A response: provider, fixture name, HTTP status (from the fixture's name), body.
type Response = (&'static str, &'static str, u16, &'static [u8]);

macro_rules! fixture {
    ($provider:literal, $status:literal, $name:literal) => {
        (
            $provider,
            $name,
            $status,
            include_bytes!(concat!("../../tests/fixtures/responses/", $name)),
        )
    };
}

/// Every body printed on the pages, then one built from documented codes.
const RESPONSES: [Response; 11] = [
    fixture!("DataForSEO", 200, "dataforseo_200_errors_endpoint.json"),
    fixture!("DataForSEO", 200, "constructed/dataforseo_200_mixed_tasks.json"),
    fixture!("Serplify", 400, "serplify_400_validation_error.json"),
    fixture!("Serplify", 402, "serplify_402_insufficient_balance.json"),
    fixture!("SerpApi", 401, "serpapi_401_invalid_api_key.json"),
    fixture!("SerpApi", 429, "serpapi_429_out_of_searches.json"),
    fixture!("SerpApi", 400, "serpapi_400_missing_query.json"),
    fixture!("SerpApi", 503, "serpapi_503_search_error.json"),
    fixture!("SerpApi", 200, "serpapi_200_empty_organic_results.json"),
    fixture!("SerpApi", 200, "serpapi_200_spelling_fix.json"),
    fixture!("SerpApi", 200, "serpapi_200_empty_local_results.json"),
];

/// One line of the printed code table.
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

fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("the fixtures are valid JSON")
}

/// DataForSEO sends HTTP 200 with `status_code` in the body and in every task; its
/// errors endpoint lists every internal code.
fn dataforseo(rows: &mut Vec<Row>) {
    let body = json(RESPONSES[0].3);
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

/// Serplify sends a real HTTP status and `error.code`; SerpApi an HTTP status, and a
/// free-text `error` in the body.
fn serplify_and_serpapi(rows: &mut Vec<Row>) {
    for (provider, _, status, body) in RESPONSES {
        let body = json(body);
        if provider == "Serplify" {
            let raw = body["error"]["code"].as_str().unwrap_or_default();
            let code = serplify::ErrorCode::from_code(raw);
            rows.push(Row::new(
                provider,
                raw,
                &code,
                code.message(),
                code.kind(),
                code.retry(),
            ));
        } else if provider == "SerpApi" {
            let http = serpapi::Http::from_code(status);
            rows.push(Row::new(
                provider,
                status,
                &http,
                http.message(),
                http.kind(),
                http.retry(),
            ));
            if let Some(text) = body["error"].as_str() {
                let error = serpapi::ErrorMessage::from_code(text);
                rows.push(Row::new(
                    provider,
                    "error",
                    &error,
                    error.message(),
                    error.kind(),
                    error.retry(),
                ));
            }
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

fn print_codes() {
    let mut rows = Vec::new();
    dataforseo(&mut rows);
    serplify_and_serpapi(&mut rows);
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

/// One line per outcome: what it is, its code, and what a retry loop would do.
fn describe<C: std::fmt::Debug>(outcome: &Classified<C>) -> String {
    let what = match outcome {
        Classified::Success(_) => "success",
        Classified::Pending(_) => "pending",
        Classified::Redirect(_) => "redirect",
        Classified::Failure(_) => "failure",
        Classified::Unexpected(u) => {
            return format!("unexpected: {}  -> {:?}", u.reason, outcome.next_step(1));
        }
    };
    let code = outcome.code().map_or("no code".to_owned(), |c| format!("{c:?}"));
    format!(
        "{what:<8} {code:<36} {:<18} -> {:?}",
        outcome.kind(),
        outcome.next_step(1)
    )
}

fn print_outcome<C: std::fmt::Debug>(label: &str, outcome: &Classified<C>) {
    println!("{label:<42} {}", describe(outcome));
    for (i, task) in outcome.items().iter().enumerate() {
        println!("{:<42} {}", format!("  task {i}"), describe(task));
    }
}

/// Status and body bytes in, typed outcome out: what a client does after a request.
fn print_responses() {
    println!("\nresponses, classified (status + body -> outcome -> next step):");
    for (provider, name, status, body) in RESPONSES {
        let label = format!("{status} {}", name.trim_start_matches("constructed/"));
        match provider {
            "DataForSEO" => print_outcome(&label, &dataforseo::classify(status, body)),
            "Serplify" => print_outcome(&label, &serplify::classify(status, body)),
            _ => print_outcome(&label, &serpapi::classify(status, body)),
        }
    }
    // What the pages do not print: a proxy's error page, a bare status.
    let proxy = b"<html><head><title>502 Bad Gateway</title></head></html>";
    print_outcome("502 proxy page (Serplify)", &serplify::classify(502, proxy));
    print_outcome("401 empty body (DataForSEO)", &dataforseo::classify(401, b""));
    print_outcome("429 (HTTP catalogue)", &http::classify(429, b""));
}

/// The same statuses through the enum and through the struct of constants: the
/// constants are values and patterns, and an undocumented code is kept in both.
fn print_constants() {
    use as_constants::http::Status;
    println!("\n== The HTTP catalogue as a struct of constants ==");
    for code in [200, 404, 429, 503, 306] {
        let status = Status::from_code(code);
        let advice = match status {
            Status::TooManyRequests | Status::ServiceUnavailable => "wait and retry",
            _ if !status.is_documented() => "undocumented: keep the raw code",
            _ if status.is_success() => "done",
            _ => "do not retry as is",
        };
        // The enum of the main file agrees on everything but its type.
        assert_eq!(status.to_string(), http::Status::from_code(code).to_string());
        println!("{code}: {status:?} | {status} | {advice}");
    }
}

fn main() {
    print_codes();
    print_responses();
    print_constants();
}
