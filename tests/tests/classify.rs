//! Response classification (`Config::classify`, snapshot `classify.rs`): every example
//! body the seed pages print (`tests/fixtures/responses/`) classified to its typed
//! outcome; the other documented cases built by hand; malformed bodies of every kind
//! giving `Unexpected` with a bounded excerpt, never a panic; and the retry helper.

use provider_errors_tests::classify_gen::{
    CanonicalKind, Classified, Detail, RetryAdvice, RetryPolicy, RetryStep, UnexpectedReason, dataforseo,
    http, serpapi, serplify, seven_bridges,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/responses")
}

/// A fixture's HTTP status (from its name, `<provider>_<status>_<what>.json`) and body.
fn fixture(name: &str) -> (u16, Vec<u8>) {
    let status = name.split('_').find_map(|part| part.parse().ok());
    let body = std::fs::read(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    (
        status.unwrap_or_else(|| panic!("{name}: no status in the name")),
        body,
    )
}

/// The failure inside `outcome`, or a panic naming what it is instead.
fn failure<C: std::fmt::Debug>(outcome: &Classified<C>) -> &provider_errors_tests::classify_gen::Failure<C> {
    match outcome {
        Classified::Failure(f) => f,
        other => panic!("expected a failure, got {other:#?}"),
    }
}

/// The reply of a success, pending or redirect outcome.
fn reply<C: std::fmt::Debug>(outcome: &Classified<C>) -> &provider_errors_tests::classify_gen::Reply<C> {
    match outcome {
        Classified::Success(r) | Classified::Pending(r) | Classified::Redirect(r) => r,
        other => panic!("expected a reply, got {other:#?}"),
    }
}

/// The reason of an unexpected outcome, checking its status and excerpt bound.
fn unexpected<C: std::fmt::Debug>(outcome: &Classified<C>, status: u16) -> UnexpectedReason {
    match outcome {
        Classified::Unexpected(u) => {
            assert_eq!(u.status, status);
            // 512 bytes of body, each byte at most one U+FFFD (3 bytes) when not UTF-8.
            assert!(u.excerpt.len() <= 3 * 512, "excerpt of {} bytes", u.excerpt.len());
            u.reason
        }
        other => panic!("expected an unexpected response, got {other:#?}"),
    }
}

// ------------------------------------------------------------------ page fixtures

#[test]
fn every_fixture_is_checked() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let checked = [
        "dataforseo_200_errors_endpoint.json",
        "serpapi_200_empty_local_results.json",
        "serpapi_200_empty_organic_results.json",
        "serpapi_200_spelling_fix.json",
        "serpapi_400_missing_query.json",
        "serpapi_401_invalid_api_key.json",
        "serpapi_429_out_of_searches.json",
        "serpapi_503_search_error.json",
        "serplify_400_validation_error.json",
        "serplify_402_insufficient_balance.json",
    ];
    assert_eq!(
        names, checked,
        "a fixture without a test below, or a test without its fixture"
    );
}

#[test]
fn dataforseo_errors_endpoint() {
    let (status, body) = fixture("dataforseo_200_errors_endpoint.json");
    let outcome = dataforseo::classify(status, &body);
    let ok = reply(&outcome);
    assert!(outcome.is_success());
    assert_eq!(ok.code, Some(dataforseo::Status::Ok.into()));
    assert_eq!(ok.message.as_deref(), Some("Ok."));
    assert_eq!(outcome.items().len(), 1, "one task");
    let task = &outcome.items()[0];
    assert!(task.is_success());
    assert_eq!(
        task.code(),
        Some(&dataforseo::ResponseCode::Status(dataforseo::Status::Ok))
    );
    assert_eq!(task.message(), Some("Ok."));
    assert_eq!(outcome.next_step(1), RetryStep::Done);
}

#[test]
fn serplify_error_bodies() {
    let (status, body) = fixture("serplify_402_insufficient_balance.json");
    let outcome = serplify::classify(status, &body);
    let f = failure(&outcome);
    assert_eq!(f.code, serplify::ErrorCode::InsufficientBalance.into());
    assert_eq!(
        f.message.as_deref(),
        Some("Your prepaid balance is too low for this request.")
    );
    assert_eq!(
        (f.kind, f.retry),
        (CanonicalKind::ResourceExhausted, RetryAdvice::AfterTopUp)
    );
    assert_eq!(f.request_id.as_deref(), Some("req_9f2c…"));
    assert!(f.details.is_empty());
    assert_eq!(
        outcome.next_step(1),
        RetryStep::AfterUserAction(RetryAdvice::AfterTopUp)
    );

    let (status, body) = fixture("serplify_400_validation_error.json");
    let outcome = serplify::classify(status, &body);
    let f = failure(&outcome);
    assert_eq!(f.code, serplify::ErrorCode::BadRequest.into());
    assert_eq!(f.message.as_deref(), Some("Invalid request body."));
    assert_eq!(f.retry, RetryAdvice::AfterFixRequest);
    assert_eq!(f.request_id.as_deref(), Some("req_9f2c…"));
    let details: Vec<(&str, &str)> = f
        .details
        .iter()
        .map(|d: &Detail| (&*d.field, &*d.message))
        .collect();
    assert_eq!(
        details,
        [
            ("keyword", "String must contain at least 1 character(s)"),
            ("location", "location requires one of code, name, or coordinate."),
        ]
    );
    assert_eq!(
        f.to_string(),
        "Malformed request body or parameters. (Serplify bad_request), HTTP 400: Invalid request body."
    );
}

#[test]
fn serpapi_documented_errors() {
    use serpapi::ErrorMessage as M;
    for (name, code, kind, retry) in [
        (
            "serpapi_401_invalid_api_key.json",
            M::InvalidApiKey,
            CanonicalKind::Unauthenticated,
            RetryAdvice::AfterFixCredentials,
        ),
        (
            "serpapi_429_out_of_searches.json",
            M::OutOfSearches,
            CanonicalKind::ResourceExhausted,
            RetryAdvice::AfterTopUp,
        ),
        (
            "serpapi_400_missing_query.json",
            M::MissingQueryParameter,
            CanonicalKind::InvalidArgument,
            RetryAdvice::AfterFixRequest,
        ),
        (
            "serpapi_503_search_error.json",
            M::NoValidResults,
            CanonicalKind::Unavailable,
            RetryAdvice::Backoff,
        ),
    ] {
        let (status, body) = fixture(name);
        let outcome = serpapi::classify(status, &body);
        let f = failure(&outcome);
        assert_eq!(f.code, code.clone().into(), "{name}");
        assert_eq!(f.message.as_deref(), code.message(), "{name}: the text, verbatim");
        assert_eq!((f.kind, f.retry, f.status), (kind, retry, status), "{name}");
    }
    let (status, body) = fixture("serpapi_503_search_error.json");
    let outcome = serpapi::classify(status, &body);
    assert_eq!(
        outcome.next_step(1),
        RetryStep::RetryAfter(Duration::from_secs(1))
    );
}

#[test]
fn serpapi_successes_empty_or_not() {
    for name in [
        "serpapi_200_empty_organic_results.json",
        "serpapi_200_empty_local_results.json",
    ] {
        let (status, body) = fixture(name);
        let outcome = serpapi::classify(status, &body);
        let empty = reply(&outcome);
        assert!(outcome.is_success(), "{name}: an empty result is not a failure");
        assert_eq!(
            empty.code,
            Some(serpapi::ErrorMessage::NoResults.into()),
            "{name}"
        );
        assert_eq!(empty.kind, CanonicalKind::NotFound, "{name}: nothing to return");
        assert_eq!(
            empty.message.as_deref(),
            Some("Google hasn't returned any results for this query.")
        );
        assert_eq!(outcome.next_step(1), RetryStep::Done);
    }
    let (status, body) = fixture("serpapi_200_spelling_fix.json");
    let outcome = serpapi::classify(status, &body);
    let ok = reply(&outcome);
    assert!(outcome.is_success());
    assert_eq!(ok.code, Some(serpapi::SearchStatus::Success.into()));
    assert_eq!((ok.kind, ok.message.as_deref()), (CanonicalKind::Ok, None));
}

// ------------------------------------------------------- documented cases, by hand

#[test]
fn dataforseo_tasks_are_reported_one_by_one() {
    let (status, body) = fixture("constructed/dataforseo_200_mixed_tasks.json");
    let outcome = dataforseo::classify(status, &body);
    assert!(outcome.is_success(), "the response as a whole succeeded");
    let tasks = outcome.items();
    assert_eq!(tasks.len(), 3);
    assert!(tasks[0].is_success());
    assert_eq!(tasks[0].code(), Some(&dataforseo::Status::TaskCreated.into()));
    let refused = failure(&tasks[1]);
    assert_eq!(refused.code, dataforseo::Status::InvalidField.into());
    assert_eq!(refused.message.as_deref(), Some("Invalid Field."));
    assert_eq!(
        tasks[1].next_step(1),
        RetryStep::AfterUserAction(RetryAdvice::AfterFixRequest)
    );
    assert!(matches!(tasks[2], Classified::Pending(_)));
    assert_eq!(
        tasks[2].next_step(1),
        RetryStep::RetryAfter(Duration::from_secs(5))
    );
}

#[test]
fn dataforseo_http_statuses_decide_outside_200() {
    use dataforseo::Http;
    for (status, code) in [
        (401, Http::Unauthorized),
        (402, Http::PaymentRequired),
        (404, Http::NotFound),
        (500, Http::InternalServerError),
    ] {
        // The body is not read outside HTTP 200: JSON, HTML or nothing.
        for body in [
            &b""[..],
            b"<html>Unauthorized</html>",
            br#"{"status_code": 20000}"#,
        ] {
            let outcome = dataforseo::classify(status, body);
            let f = failure(&outcome);
            assert_eq!(
                (f.code, f.kind, f.retry),
                (code.into(), code.kind(), code.retry())
            );
        }
    }
    let outcome = dataforseo::classify(402, b"");
    assert_eq!(
        outcome.next_step(1),
        RetryStep::AfterUserAction(RetryAdvice::AfterTopUp)
    );
    let outcome = dataforseo::classify(503, b"<html>Service Unavailable</html>");
    assert_eq!(unexpected(&outcome, 503), UnexpectedReason::UndocumentedStatus);
    assert_eq!(
        outcome.next_step(1),
        RetryStep::RetryAfter(Duration::from_secs(1))
    );
    // At 200 the body must carry its code.
    assert_eq!(
        unexpected(&dataforseo::classify(200, b""), 200),
        UnexpectedReason::EmptyBody
    );
    assert_eq!(
        unexpected(&dataforseo::classify(200, b"{\"tasks\": []}"), 200),
        UnexpectedReason::MissingCode
    );
}

#[test]
fn undocumented_codes_are_kept() {
    let body = br#"{"status_code": 40299, "status_message": "Something new.", "tasks": null}"#;
    let outcome = dataforseo::classify(200, body);
    let f = failure(&outcome);
    assert_eq!(f.code, dataforseo::Status::Unknown(40299).into());
    assert_eq!((f.kind, f.retry), (CanonicalKind::Unknown, RetryAdvice::Never));
    assert_eq!(f.message.as_deref(), Some("Something new."));

    let body = br#"{"error": {"code": "quota_frozen", "message": "New."}, "request_id": "r1"}"#;
    let outcome = serplify::classify(403, body);
    let f = failure(&outcome);
    assert_eq!(f.code, serplify::ErrorCode::Unknown("quota_frozen".into()).into());
    assert_eq!(
        (f.message.as_deref(), f.request_id.as_deref()),
        (Some("New."), Some("r1"))
    );

    let outcome = seven_bridges::classify(409, br#"{"status": 409, "code": 6005, "message": "?"}"#);
    assert_eq!(failure(&outcome).code, seven_bridges::Code::Unknown(6005).into());
}

#[test]
fn serplify_pending_and_success() {
    let body = br#"{"error": {"code": "task_not_ready", "message": "Still working."}, "request_id": "r2"}"#;
    let outcome = serplify::classify(202, body);
    let pending = match &outcome {
        Classified::Pending(r) => r,
        other => panic!("{other:#?}"),
    };
    assert_eq!(pending.code, Some(serplify::ErrorCode::TaskNotReady.into()));
    assert_eq!(pending.request_id.as_deref(), Some("r2"));
    assert_eq!(outcome.retry(), RetryAdvice::Poll);
    assert_eq!(
        outcome.next_step(1),
        RetryStep::RetryAfter(Duration::from_secs(5))
    );
    // A success body carries no `error`; it is still read for the request id.
    let outcome = serplify::classify(200, br#"{"results": [], "request_id": "r3"}"#);
    let ok = reply(&outcome);
    assert!(outcome.is_success());
    assert_eq!((ok.code.as_ref(), ok.request_id.as_deref()), (None, Some("r3")));
    // The table documents `task_not_ready` at 202: a 202 without it is not a success.
    assert_eq!(
        unexpected(&serplify::classify(202, b""), 202),
        UnexpectedReason::EmptyBody
    );
    let outcome = serplify::classify(
        429,
        br#"{"error": {"code": "rate_limited", "message": "Slow down."}}"#,
    );
    assert_eq!(
        outcome.next_step(3),
        RetryStep::RetryAfter(Duration::from_secs(4))
    );
}

#[test]
fn serpapi_status_and_free_text() {
    use serpapi::{ErrorMessage, Http, SearchStatus};
    for (text, status) in [
        ("Processing", SearchStatus::Processing),
        ("Queued", SearchStatus::Queued),
    ] {
        let body = format!(r#"{{"search_metadata": {{"status": "{text}"}}}}"#);
        let outcome = serpapi::classify(200, body.as_bytes());
        assert!(matches!(outcome, Classified::Pending(_)), "{outcome:#?}");
        assert_eq!(outcome.code(), Some(&status.into()));
    }
    // White space differences only: still the documented message, kept as received.
    let loose = "  Your account   has run out\nof searches. ";
    let outcome = serpapi::classify(429, format!(r#"{{"error": {loose:?}}}"#).as_bytes());
    assert_eq!(failure(&outcome).code, ErrorMessage::OutOfSearches.into());
    assert_eq!(failure(&outcome).message.as_deref(), Some(loose));
    // An undocumented text: the documented HTTP status decides, the text is kept.
    let outcome = serpapi::classify(429, br#"{"error": "Hourly limit reached."}"#);
    let f = failure(&outcome);
    assert_eq!(f.code, Http::TooManyRequests.into());
    assert_eq!(f.message.as_deref(), Some("Hourly limit reached."));
    assert_eq!(
        outcome.next_step(1),
        RetryStep::RetryAfter(Duration::from_secs(1))
    );
    // ... or, with a documented search status, that status.
    let body = br#"{"search_metadata": {"status": "Success"}, "error": "Bing hasn't returned any results."}"#;
    let outcome = serpapi::classify(200, body);
    assert_eq!(outcome.code(), Some(&SearchStatus::Success.into()));
    assert_eq!(outcome.message(), Some("Bing hasn't returned any results."));
    // ... and with neither, the text itself, as `Unknown`.
    let outcome = serpapi::classify(502, br#"{"error": "Upstream hiccup."}"#);
    assert_eq!(
        failure(&outcome).code,
        ErrorMessage::Unknown("Upstream hiccup.".into()).into()
    );
    // An empty body leaves the documented status.
    let outcome = serpapi::classify(401, b"");
    assert_eq!(failure(&outcome).code, Http::Unauthorized.into());
}

#[test]
fn seven_bridges_codes() {
    // The error body the API sends (the page lists codes only, not the body).
    let body = br#"{"status": 429, "code": 1000, "message": "Rate limit exceeded! Check response headers.", "more_info": ""}"#;
    let outcome = seven_bridges::classify(429, body);
    let f = failure(&outcome);
    assert_eq!(f.code, seven_bridges::Code::RateLimitExceeded.into());
    assert_eq!(
        f.message.as_deref(),
        Some("Rate limit exceeded! Check response headers.")
    );
    assert_eq!(f.kind, CanonicalKind::ResourceExhausted);
    assert!(seven_bridges::classify(204, b"").is_success(), "no content");
    assert!(seven_bridges::classify(200, br#"{"id": "f1", "name": "reads.bam"}"#).is_success());
    let outcome = seven_bridges::classify(500, b"{}");
    assert_eq!(unexpected(&outcome, 500), UnexpectedReason::MissingCode);
}

#[test]
fn http_catalogue_is_status_only() {
    use http::Status;
    let garbage = b"\xff<html>not read</html>";
    assert_eq!(http::classify(200, garbage).code(), Some(&Status::Ok.into()));
    assert!(matches!(http::classify(202, garbage), Classified::Pending(_)));
    assert!(matches!(http::classify(301, garbage), Classified::Redirect(_)));
    let outcome = http::classify(503, garbage);
    assert_eq!(failure(&outcome).code, Status::ServiceUnavailable.into());
    let outcome = http::classify(306, garbage);
    assert_eq!(
        failure(&outcome).code,
        Status::Unknown(306).into(),
        "kept, not unexpected"
    );
    assert_eq!(
        http::classify(10_000, b"").code(),
        Some(&Status::Unknown(10_000).into())
    );
}

// ------------------------------------------------------------- malformed bodies

/// A provider's `classify`, its outcome seen through `Debug`.
type Classify = fn(u16, &[u8]) -> Box<dyn std::fmt::Debug>;

/// Every provider that reads a body, at a status where it does.
fn body_readers() -> [(&'static str, u16, Classify); 4] {
    fn boxed<C: std::fmt::Debug + 'static>(outcome: Classified<C>) -> Box<dyn std::fmt::Debug> {
        Box::new(outcome)
    }
    [
        ("dataforseo", 200, |s, b| boxed(dataforseo::classify(s, b))),
        ("serplify", 500, |s, b| boxed(serplify::classify(s, b))),
        ("serpapi", 502, |s, b| boxed(serpapi::classify(s, b))),
        ("seven_bridges", 500, |s, b| boxed(seven_bridges::classify(s, b))),
    ]
}

/// `(reason, excerpt)` of any provider's unexpected outcome, through its `Debug`.
fn reason_of(shown: &dyn std::fmt::Debug) -> String {
    let text = format!("{shown:?}");
    assert!(text.starts_with("Unexpected(Unexpected {"), "{text:.300}");
    text
}

#[test]
fn malformed_bodies_are_unexpected() {
    let html = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let cases: [(&str, &[u8], &str); 6] = [
        ("empty", b"", "EmptyBody"),
        ("white space", b" \r\n\t ", "EmptyBody"),
        ("proxy page", html, "NotJson"),
        ("truncated", br#"{"error": {"code": "rate_li"#, "NotJson"),
        ("not UTF-8", b"{\"error\": \"\xff\xfe\", \"code\": 1}", "NotJson"),
        ("nested past serde_json's limit", &[b'['; 100_000], "NotJson"),
    ];
    for (provider, status, classify) in body_readers() {
        for (what, body, reason) in cases {
            let shown = reason_of(&*classify(status, body));
            assert!(
                shown.contains(&format!("reason: {reason}")),
                "{provider}, {what}: {shown:.300}"
            );
        }
    }
    let outcome = serplify::classify(502, html);
    assert_eq!(unexpected(&outcome, 502), UnexpectedReason::NotJson);
    if let Classified::Unexpected(u) = &outcome {
        assert_eq!(u.excerpt.as_bytes(), html, "a short body is kept whole");
        assert_eq!(
            u.to_string(),
            "unexpected response (HTTP 502): the body is not JSON"
        );
    }
    assert_eq!(
        outcome.next_step(1),
        RetryStep::RetryAfter(Duration::from_secs(1))
    );
    let outcome = serplify::classify(200, b"\xff\xfe{");
    assert!(matches!(&outcome, Classified::Unexpected(u) if u.excerpt == "\u{FFFD}\u{FFFD}{"));
    assert_eq!(outcome.next_step(1), RetryStep::GiveUp, "not transient at 200");
}

#[test]
fn fields_of_the_wrong_type_are_unexpected() {
    use UnexpectedReason::WrongType;
    let dataforseo = |body: &str| unexpected(&dataforseo::classify(200, body.as_bytes()), 200);
    assert_eq!(
        dataforseo(r#"{"status_code": "20000"}"#),
        WrongType("status_code")
    );
    assert_eq!(
        dataforseo(r#"{"status_code": 20000.5}"#),
        WrongType("status_code")
    );
    assert_eq!(
        dataforseo(r#"{"status_code": 99999999999}"#),
        WrongType("status_code"),
        "not a u32"
    );
    assert_eq!(dataforseo(r#"{"status_code": -1}"#), WrongType("status_code"));
    assert_eq!(
        dataforseo(r#"{"status_code": 20000, "status_message": 1}"#),
        WrongType("status_message")
    );
    assert_eq!(
        dataforseo(r#"{"status_code": 20000, "tasks": {}}"#),
        WrongType("tasks")
    );
    let serplify = |body: &str| unexpected(&serplify::classify(400, body.as_bytes()), 400);
    assert_eq!(serplify(r#"{"error": {"code": 400}}"#), WrongType("error.code"));
    assert_eq!(
        serplify(r#"{"error": {"code": "bad_request", "message": []}}"#),
        WrongType("error.message")
    );
    assert_eq!(
        serplify(r#"{"error": {"code": "bad_request", "details": "x"}}"#),
        WrongType("error.details")
    );
    assert_eq!(
        serplify(r#"{"error": {"code": "bad_request", "details": [{"field": 1}]}}"#),
        WrongType("error.details")
    );
    assert_eq!(
        serplify(r#"{"error": {"code": "bad_request"}, "request_id": 7}"#),
        WrongType("request_id")
    );
    // SerpApi documents HTTP 400, yet the status does not cover a broken body.
    let serpapi = |body: &str| unexpected(&serpapi::classify(400, body.as_bytes()), 400);
    assert_eq!(
        serpapi(r#"{"error": ["Missing query `q` parameter."]}"#),
        WrongType("error")
    );
    assert_eq!(
        serpapi(r#"{"search_metadata": {"status": 1}}"#),
        WrongType("search_metadata.status")
    );
    let sb = |body: &str| unexpected(&seven_bridges::classify(404, body.as_bytes()), 404);
    assert_eq!(sb(r#"{"code": "5002"}"#), WrongType("code"));
    assert_eq!(sb(r#"{"code": true, "message": "x"}"#), WrongType("code"));
    // A table with a field of the wrong type is set aside when another finds a code.
    let body = br#"{"search_metadata": {"status": 1}, "error": "Missing query `q` parameter."}"#;
    let outcome = serpapi::classify(400, body);
    assert_eq!(
        failure(&outcome).code,
        serpapi::ErrorMessage::MissingQueryParameter.into()
    );
    // `null` is absent, not a wrong type.
    assert_eq!(sb(r#"{"code": null}"#), UnexpectedReason::MissingCode);
    assert!(dataforseo::classify(200, br#"{"status_code": 20000, "tasks": null}"#).is_success());
}

#[test]
fn a_huge_body_is_not_read() {
    let mut body = br#"{"error": {"code": "rate_limited", "message": ""#.to_vec();
    body.resize(10_000_000, b'a');
    body.extend_from_slice(br#""}}"#);
    for (provider, status, classify) in body_readers() {
        let shown = reason_of(&*classify(status, &body));
        assert!(shown.contains("reason: TooLarge"), "{provider}: {shown:.300}");
    }
    let outcome = serplify::classify(429, &body);
    assert_eq!(unexpected(&outcome, 429), UnexpectedReason::TooLarge);
    if let Classified::Unexpected(u) = &outcome {
        assert_eq!(u.excerpt.len(), 512);
        assert!(u.excerpt.starts_with(r#"{"error": {"code": "rate_limited""#));
    }
    // Just under the cap it is read.
    let cap = provider_errors_tests::classify_gen::CLASSIFY_MAX_BODY_BYTES;
    body.truncate(cap - 3);
    body.extend_from_slice(br#""}}"#);
    let outcome = serplify::classify(429, &body);
    assert_eq!(failure(&outcome).code, serplify::ErrorCode::RateLimited.into());
}

#[test]
fn excerpts_do_not_cut_characters() {
    let mut body = vec![b'x'; 511];
    body.extend_from_slice("é and more".as_bytes());
    let outcome = serplify::classify(500, &body);
    assert!(matches!(&outcome, Classified::Unexpected(u) if u.excerpt == "x".repeat(511)));
    // A task's excerpt is its JSON, bounded too: a huge task is never written out.
    let task = format!(r#"{{"id": "{}"}}"#, "t".repeat(100_000));
    let body = format!(r#"{{"status_code": 20000, "tasks": [{task}, 42]}}"#);
    let outcome = dataforseo::classify(200, body.as_bytes());
    assert!(outcome.is_success());
    for item in outcome.items() {
        assert_eq!(unexpected(item, 200), UnexpectedReason::MissingCode);
    }
    if let Classified::Unexpected(u) = &outcome.items()[0] {
        assert_eq!(u.excerpt.len(), 512);
        assert!(u.excerpt.starts_with(r#"{"id":"ttt"#));
    }
}

/// Every proper prefix of every fixture: truncated JSON is `NotJson`, never a panic.
#[test]
fn truncated_fixtures_never_panic() {
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".json") {
            continue;
        }
        let (_, body) = fixture(&name);
        let body = body.trim_ascii_end();
        for end in 1..body.len() {
            let prefix = &body[..end];
            let status = if name.starts_with("dataforseo") { 200 } else { 500 };
            let shown = match name.split('_').next() {
                Some("dataforseo") => format!("{:?}", dataforseo::classify(status, prefix)),
                Some("serplify") => format!("{:?}", serplify::classify(status, prefix)),
                _ => format!("{:?}", serpapi::classify(status, prefix)),
            };
            assert!(shown.contains("reason: NotJson"), "{name}[..{end}]: {shown:.200}");
        }
    }
}

/// Arbitrary bytes, from a fixed generator: never a panic, whatever comes out.
#[test]
fn arbitrary_bytes_never_panic() {
    let mut state = 0x5eed_u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u32
    };
    let alphabet = br#"{}[]:,"0123456789-.eE tfnrulasx\u{}"#;
    for _ in 0..5_000 {
        let len = (next() % 64) as usize;
        let body: Vec<u8> = (0..len)
            .map(|_| match next() % 8 {
                0 => next() as u8,
                _ => alphabet[next() as usize % alphabet.len()],
            })
            .collect();
        let status = [200, 202, 400, 429, 500, 502][next() as usize % 6];
        let _ = dataforseo::classify(status, &body);
        let _ = serplify::classify(status, &body);
        let _ = serpapi::classify(status, &body);
        let _ = seven_bridges::classify(status, &body);
        let _ = http::classify(status, &body);
    }
}

/// `classify` refuses a body whose first byte (after white space) starts no JSON value
/// before parsing it; that shortcut must refuse exactly what serde_json refuses.
#[test]
fn not_json_exactly_when_serde_json_refuses_the_body() {
    let mut checked = 0;
    for lead in [&b""[..], b" ", b"\r\n\t ", b"\x0c"] {
        for first in 0..=u8::MAX {
            for rest in [
                &b""[..],
                b"{}",
                b"1",
                b"rue",
                b"ull",
                b"\"x\"",
                b" ",
                b"\"error\":1}",
                b"]",
            ] {
                let body = [lead, &[first], rest].concat();
                if body.iter().all(u8::is_ascii_whitespace) {
                    continue; // an empty body, not malformed JSON
                }
                let refused = serde_json::from_slice::<serde_json::Value>(&body).is_err();
                let outcome = serpapi::classify(500, &body);
                let not_json =
                    matches!(&outcome, Classified::Unexpected(u) if u.reason == UnexpectedReason::NotJson);
                assert_eq!(
                    not_json,
                    refused,
                    "body {:?}: {outcome:?}",
                    String::from_utf8_lossy(&body)
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 9_000, "{checked} bodies");
}

/// The pruned parse (only the paths the tables read are kept) classifies exactly as
/// parsing the whole body does: every fixture, every prefix of it, every fixture with
/// one byte changed, and arbitrary bytes, at several statuses, for every provider;
/// and the tables of constants classify exactly as the enums do.
#[test]
fn pruned_parse_classifies_as_a_whole_parse() {
    use provider_errors_tests::classify_unpruned as whole;
    use provider_errors_tests::constants_gen as constants;
    let both = |status: u16, body: &[u8]| {
        let pairs = [
            (
                format!("{:?}", dataforseo::classify(status, body)),
                format!("{:?}", whole::dataforseo::classify(status, body)),
            ),
            (
                format!("{:?}", serplify::classify(status, body)),
                format!("{:?}", whole::serplify::classify(status, body)),
            ),
            (
                format!("{:?}", serpapi::classify(status, body)),
                format!("{:?}", whole::serpapi::classify(status, body)),
            ),
            (
                format!("{:?}", seven_bridges::classify(status, body)),
                format!("{:?}", whole::seven_bridges::classify(status, body)),
            ),
            // Tables of constants (`TableShape::Constants`) classify as enums do.
            (
                format!("{:?}", constants::dataforseo::classify(status, body)),
                format!("{:?}", dataforseo::classify(status, body)),
            ),
            (
                format!("{:?}", constants::serpapi::classify(status, body)),
                format!("{:?}", serpapi::classify(status, body)),
            ),
            (
                format!("{:?}", constants::seven_bridges::classify(status, body)),
                format!("{:?}", seven_bridges::classify(status, body)),
            ),
            (
                format!("{:?}", constants::http::classify(status, body)),
                format!("{:?}", http::classify(status, body)),
            ),
        ];
        for (pruned, full) in pairs {
            assert_eq!(
                pruned,
                full,
                "status {status}, body {:?}",
                String::from_utf8_lossy(body)
            );
        }
    };
    let mut bodies: Vec<Vec<u8>> = Vec::new();
    let constructed = std::fs::read_dir(fixtures().join("constructed")).unwrap();
    for entry in std::fs::read_dir(fixtures()).unwrap().chain(constructed) {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let body = std::fs::read(path).unwrap();
        bodies.extend((0..body.len()).step_by(17).map(|end| body[..end].to_vec()));
        for i in (0..body.len()).step_by(13) {
            for byte in [b'"', b'{', b'[', b'1', b'x', b' ', 0xff] {
                let mut changed = body.clone();
                changed[i] = byte;
                bodies.push(changed);
            }
        }
        bodies.push(body);
    }
    let mut state = 0x5eed_u64;
    let alphabet = br#"{}[]:,"0123456789-.eE tfnrulasx\"#;
    let keys: [&[u8]; 8] = [
        b"\"error\"",
        b"\"code\"",
        b"\"tasks\"",
        b"\"status_code\"",
        b"\"message\"",
        b"\"details\"",
        b"\"search_metadata\"",
        b"\"status\"",
    ];
    for _ in 0..3_000 {
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let len = next() % 48;
        let mut body = Vec::new();
        for _ in 0..len {
            match next() % 6 {
                0 => body.extend_from_slice(keys[next() % keys.len()]),
                _ => body.push(alphabet[next() % alphabet.len()]),
            }
        }
        bodies.push(body);
    }
    // Repeated keys: the last counts, in a kept object as in a parsed one.
    for body in [
        &br#"{"error":{"code":"bad_request"},"error":{"code":"rate_limited"}}"#[..],
        br#"{"error":{"code":"bad_request","code":"rate_limited","message":"a","message":"b"}}"#,
        br#"{"error":"Invalid API key.","error":"Your account has run out of searches."}"#,
        br#"{"tasks":[{"status_code":20000,"status_code":40501,"status_message":"x"}],"status_code":20000}"#,
        br#"{"error":{"code":"bad_request"},"error":5}"#,
        br#"{"error":5,"error":{"code":"bad_request"},"request_id":"a","request_id":"b"}"#,
        // What the whole parse refuses in a value no table reads (found by fuzzing):
        // a number out of range, a lone surrogate, nesting past serde_json's limit.
        br#"{"oinon": -2.60e2282}"#,
        br#"{"other": 1e400, "error": {"code": "bad_request"}}"#,
        br#"{"other": "\ud800", "error": {"code": "bad_request"}}"#,
        br#"{"other": {"\ud800": 1}, "error": {"code": "bad_request"}}"#,
        br#"{"tasks": [{"status_code": 20000, "result": [1e999]}]}"#,
        // Not UTF-8, in a string and in a key no table reads.
        b"{\"other\": \"\xff\", \"error\": {\"code\": \"bad_request\"}}",
        b"{\"tasks\": [{\"status_code\": 20000, \"\xc3\": 1}]}",
    ] {
        bodies.push(body.to_vec());
    }
    // Details of every shape: the pruned parse keeps a detail's `field` and `message`
    // only, and must accept and refuse exactly the details the whole parse does.
    for detail in [
        "1",
        r#""s""#,
        "null",
        "[]",
        "{}",
        r#"{"field":"f"}"#,
        r#"{"field":"f","message":"m"}"#,
        r#"{"field":1,"message":"m"}"#,
        r#"{"field":"f","message":null}"#,
        r#"{"field":"a","message":"m","field":"b"}"#,
        r#"{"field":"f\u00e9","message":"m","extra":[1]}"#,
        r#"[{"field":"f","message":"m"}]"#,
    ] {
        for details in [
            detail.to_owned(),
            format!("[{detail}]"),
            format!(r#"[{{"field":"f","message":"m"}},{detail}]"#),
        ] {
            let body = format!(r#"{{"error":{{"code":"bad_request","details":{details}}}}}"#);
            bodies.push(body.into_bytes());
        }
    }
    let deep = |depth: usize| [b"{\"x\":".repeat(depth), b"1".to_vec(), b"}".repeat(depth)].concat();
    bodies.push(
        [
            &br#"{"error":{"code":"bad_request"},"other":"#[..],
            &deep(200),
            b"}",
        ]
        .concat(),
    );
    bodies.push([&br#"{"other":"#[..], &deep(126), b"}"].concat());
    assert!(bodies.len() > 5_000, "{} bodies", bodies.len());
    for body in &bodies {
        for status in [200, 202, 429] {
            both(status, body);
        }
    }
}

// ------------------------------------------------------------------- retry helper

#[test]
fn retry_policy_follows_the_advice() {
    let policy = RetryPolicy::default();
    assert_eq!(policy, RetryPolicy::DEFAULT);
    let backoffs: Vec<u64> = (1..=9).map(|a| policy.backoff(a).as_secs()).collect();
    assert_eq!(backoffs, [1, 2, 4, 8, 16, 32, 60, 60, 60], "doubling, capped");
    assert_eq!(policy.backoff(0), Duration::from_secs(1));
    assert_eq!(policy.backoff(u32::MAX), Duration::from_secs(60));

    let transient = serplify::classify(500, br#"{"error": {"code": "internal_error"}}"#);
    let steps: Vec<RetryStep> = (1..=5).map(|a| policy.next_step(&transient, a)).collect();
    assert_eq!(steps[0], RetryStep::RetryAfter(Duration::from_secs(1)));
    assert_eq!(steps[3], RetryStep::RetryAfter(Duration::from_secs(8)));
    assert_eq!(steps[4], RetryStep::GiveUp, "attempts used up");

    let never = serplify::classify(404, br#"{"error": {"code": "not_found"}}"#);
    assert_eq!(never.next_step(1), RetryStep::GiveUp);
    let budget = serplify::classify(402, br#"{"error": {"code": "budget_exceeded"}}"#);
    assert_eq!(
        budget.next_step(1),
        RetryStep::AfterUserAction(RetryAdvice::AfterRaiseLimit)
    );
    let client_error = serplify::classify(400, b"<html>");
    assert_eq!(client_error.next_step(1), RetryStep::GiveUp);

    let patient = RetryPolicy {
        max_attempts: 100,
        poll_interval: Duration::from_millis(250),
        ..RetryPolicy::DEFAULT
    };
    let pending = serpapi::classify(200, br#"{"search_metadata": {"status": "Queued"}}"#);
    assert_eq!(
        patient.next_step(&pending, 50),
        RetryStep::RetryAfter(Duration::from_millis(250))
    );
    assert_eq!(patient.next_step(&pending, 100), RetryStep::GiveUp);
}

/// The loop from `RetryPolicy`'s docs, over a scripted series of responses.
#[test]
fn retry_loop() {
    let responses: [(u16, &[u8]); 4] = [
        (502, b"<html>Bad Gateway</html>"),
        (429, br#"{"error": {"code": "rate_limited"}}"#),
        (202, br#"{"error": {"code": "task_not_ready"}}"#),
        (200, br#"{"results": [1, 2, 3]}"#),
    ];
    let policy = RetryPolicy::DEFAULT;
    let mut waited = Duration::ZERO;
    let mut attempt = 0;
    let outcome = loop {
        let (status, body) = responses[attempt as usize];
        attempt += 1;
        let outcome = serplify::classify(status, body);
        match policy.next_step(&outcome, attempt) {
            RetryStep::RetryAfter(delay) => waited += delay,
            _ => break outcome,
        }
    };
    assert!(outcome.is_success());
    assert_eq!(attempt, 4);
    assert_eq!(waited, Duration::from_secs(1 + 2 + 5));
}
