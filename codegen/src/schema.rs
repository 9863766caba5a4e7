//! serde types mirroring the YAML files exactly: raw strings and `Option`s, no
//! defaults applied. `validate` turns them into the `model`.
//!
//! `tables` and `entries` are generic so the loader can read them one element at a
//! time (`Table<Value>`, then `Entry`): one bad entry then hides nothing after it.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One schema file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaFile<T = Table> {
    /// Format version; only 1 exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u64>,
    /// Who publishes the codes.
    pub provider: Provider,
    /// The code tables.
    pub tables: Vec<T>,
}

/// The `provider` mapping.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// `snake_case` id, unique across files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// UpperCamelCase prefix for flat-layout type names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// The documentation page.
    pub source: Source,
    /// Free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Where the codes were read.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `YYYY-MM-DD`.
    pub retrieved: String,
}

/// One code table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Table<E = Entry> {
    /// `snake_case` id, unique within the provider.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Rustdoc of the enum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Enum name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// `integer` or `string`.
    pub code_type: CodeType,
    /// `u16`, `u32`, ... for integer tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_type: Option<String>,
    /// How the code travels.
    pub wire: Wire,
    /// Free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Mistakes in the documentation about the whole table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errata: Vec<String>,
    /// The codes.
    pub entries: Vec<E>,
}

impl<E> Table<E> {
    /// The same table with other entries (the loader reads entries one by one).
    pub fn with_entries<F>(self, entries: Vec<F>) -> Table<F> {
        Table {
            id: self.id,
            name: self.name,
            description: self.description,
            rust_name: self.rust_name,
            code_type: self.code_type,
            rust_type: self.rust_type,
            wire: self.wire,
            notes: self.notes,
            errata: self.errata,
            entries,
        }
    }
}

/// The type of a table's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeType {
    /// Numeric codes.
    Integer,
    /// String codes.
    String,
}

/// The `wire` mapping.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Wire {
    /// `http_status` or `json_body`.
    pub location: Location,
    /// Dotted path of the code in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Dotted path of the message in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_field: Option<String>,
    /// The fixed HTTP status the body arrives with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u64>,
    /// An array whose elements carry their own code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    /// Dotted path of a request id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id_field: Option<String>,
    /// Dotted path of an array of `{field, message}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details_field: Option<String>,
    /// `exact` or `normalize_whitespace`.
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_mode: Option<String>,
    /// Which body table's code wins when several find one (highest first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<u64>,
}

impl Wire {
    /// A `wire` with only `location` and `field`; every other key left to its default.
    pub fn new(location: Location, field: Option<&str>) -> Self {
        Wire {
            location,
            field: field.map(str::to_owned),
            message_field: None,
            http_status: None,
            items: None,
            request_id_field: None,
            details_field: None,
            match_mode: None,
            precedence: None,
        }
    }
}

/// Where the code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// The code is the HTTP status.
    HttpStatus,
    /// The code is a field of a JSON body.
    JsonBody,
}

/// One documented code.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The raw code.
    pub code: RawCode,
    /// The exact provider text.
    pub message: String,
    /// The documentation's explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The HTTP status this code arrives with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u64>,
    /// The documentation's grouping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Canonical kind, as written.
    pub kind: String,
    /// Retry advice, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<String>,
    /// Outcome, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Variant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// Other texts the documentation gives for this code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_documented: Vec<AlsoDocumented>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Mistakes in the documentation about this code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errata: Vec<String>,
    /// `YYYY-MM-DD` when the code left the documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undocumented_since: Option<String>,
}

/// Another text the documentation gives for a code.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoDocumented {
    /// The text, exactly.
    pub message: String,
    /// Where the documentation gives it.
    pub source: String,
}

/// A code as written: an integer of any YAML size, or a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawCode {
    /// An integer code.
    Int(i128),
    /// A string code.
    Str(String),
}

impl fmt::Display for RawCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawCode::Int(n) => write!(f, "{n}"),
            RawCode::Str(s) => write!(f, "{s:?}"),
        }
    }
}

impl Serialize for RawCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RawCode::Int(n) if *n < 0 => s.serialize_i64(*n as i64),
            RawCode::Int(n) => s.serialize_u64(*n as u64),
            RawCode::Str(v) => s.serialize_str(v),
        }
    }
}

impl<'de> Deserialize<'de> for RawCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CodeVisitor;
        impl Visitor<'_> for CodeVisitor {
            type Value = RawCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawCode, E> {
                Ok(RawCode::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawCode, E> {
                Ok(RawCode::Int(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawCode, E> {
                Err(E::custom(format_args!(
                    "code {v} is not a whole number; quote it to make it a string code"
                )))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawCode, E> {
                Ok(RawCode::Str(v.to_owned()))
            }
        }
        d.deserialize_any(CodeVisitor)
    }
}
