//! What one would write instead of `classify`: parse the body into a
//! `serde_json::Value`, read the documented fields by hand, and convert the code with
//! the generated `from_code`. Each walk returns what `classify` reports for these
//! responses (typed code, message, request id, details; one outcome per task).
//!
//! Shared by `benches/classify.rs` (criterion: time) and `examples/classify_calls.rs`
//! (instructions, counted under valgrind by `scripts/bench-all.sh`); the including
//! file provides `generated`, the `include!`d classify snapshot.

#![allow(dead_code)]

/// A response fixture's bytes (`tests/fixtures/responses/`).
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/fixtures/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A proxy's error page, as Serplify's `502` may arrive.
pub const HTML_PAGE: &[u8] = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

use super::generated::{dataforseo::Status, serpapi::ErrorMessage, serplify::ErrorCode};
use serde_json::Value;

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_owned)
}

pub fn serpapi(body: &[u8]) -> Option<ErrorMessage> {
    let v: Value = serde_json::from_slice(body).ok()?;
    v.get("error")
        .and_then(Value::as_str)
        .map(ErrorMessage::from_code)
}

/// The walk above, also keeping the message text, as `classify` does.
pub fn serpapi_with_message(body: &[u8]) -> Option<(ErrorMessage, String)> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let text = v.get("error")?.as_str()?;
    Some((ErrorMessage::from_code(text), text.to_owned()))
}

/// The Serplify walk, keeping on failure the start of the body to log, as
/// `classify` does (its first 512 bytes, as lossy UTF-8).
pub fn serplify_or_excerpt(body: &[u8]) -> Result<Serplify, String> {
    serplify(body).ok_or_else(|| {
        let end = body.len().min(512);
        String::from_utf8_lossy(&body[..end]).into_owned()
    })
}

pub type Serplify = (ErrorCode, Option<String>, Option<String>, Vec<(String, String)>);

pub fn serplify(body: &[u8]) -> Option<Serplify> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let error = v.get("error")?;
    let code = ErrorCode::from_code(error.get("code")?.as_str()?);
    let details = error
        .get("details")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|d| Some((text(d.get("field"))?, text(d.get("message"))?)))
                .collect()
        })
        .unwrap_or_default();
    Some((
        code,
        text(error.get("message")),
        text(v.get("request_id")),
        details,
    ))
}

pub fn dataforseo(body: &[u8]) -> Option<Vec<(Status, Option<String>)>> {
    let v: Value = serde_json::from_slice(body).ok()?;
    v.get("tasks")?
        .as_array()?
        .iter()
        .map(|task| {
            let code = u32::try_from(task.get("status_code")?.as_u64()?).ok()?;
            Some((Status::from_code(code), text(task.get("status_message"))))
        })
        .collect()
}
