//! The validated model: names resolved, defaults applied, every item knowing where it
//! came from. Only `validate` builds it, so everything here is known to be consistent.

use crate::error::Origin;

/// Every provider of a set of schemas, sorted by id.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The providers, sorted by id so output never depends on file order.
    pub providers: Vec<Provider>,
}

impl Catalog {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }
}

/// One provider (one schema file).
#[derive(Debug, Clone)]
pub struct Provider {
    /// `snake_case` id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// UpperCamelCase name, the prefix of flat-layout types.
    pub rust_name: String,
    /// Module name: `id`, made a valid identifier.
    pub module: String,
    /// The documentation page.
    pub source_url: Option<String>,
    /// When the page was read, `YYYY-MM-DD`.
    pub retrieved: String,
    /// Free text.
    pub notes: Vec<String>,
    /// The code tables, in file order.
    pub tables: Vec<Table>,
    /// Where the provider is defined.
    pub origin: Origin,
}

impl Provider {
    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
}

/// One code table: one generated enum.
#[derive(Debug, Clone)]
pub struct Table {
    /// `snake_case` id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Rustdoc of the enum.
    pub description: Option<String>,
    /// The enum's name inside the provider's module.
    pub rust_name: String,
    /// The Rust type of the raw code.
    pub code_type: CodeType,
    /// How the code travels.
    pub wire: Wire,
    /// Free text.
    pub notes: Vec<String>,
    /// Mistakes in the documentation about the table.
    pub errata: Vec<String>,
    /// The codes, in file order.
    pub entries: Vec<Entry>,
    /// Where the table is defined.
    pub origin: Origin,
}

impl Table {
    /// The entry with this code.
    pub fn entry(&self, code: &Code) -> Option<&Entry> {
        self.entries.iter().find(|e| &e.code == code)
    }

    /// Whether any code is a failure (the enum then implements `Error`).
    pub fn has_failures(&self) -> bool {
        self.entries.iter().any(|e| e.outcome == Outcome::Failure)
    }
}

/// The Rust type of a table's raw code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeType {
    /// An integer type.
    Int(IntType),
    /// `&'static str` for known codes; unknown ones are owned.
    Str,
}

/// The integer types a code may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// `u16`.
    U16,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
}

impl IntType {
    /// Every type, with its name in the schema and in Rust.
    pub const ALL: [(IntType, &'static str); 5] = [
        (IntType::U16, "u16"),
        (IntType::U32, "u32"),
        (IntType::U64, "u64"),
        (IntType::I32, "i32"),
        (IntType::I64, "i64"),
    ];

    /// The Rust name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("u32", |(_, n)| n)
    }

    /// The inclusive range of values.
    pub fn range(self) -> (i128, i128) {
        match self {
            IntType::U16 => (0, u16::MAX.into()),
            IntType::U32 => (0, u32::MAX.into()),
            IntType::U64 => (0, u64::MAX.into()),
            IntType::I32 => (i32::MIN.into(), i32::MAX.into()),
            IntType::I64 => (i64::MIN.into(), i64::MAX.into()),
        }
    }
}

/// How a table's code travels on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wire {
    /// `http_status` or `json_body`.
    pub location: Location,
    /// Dotted path of the code in the body.
    pub field: Option<String>,
    /// Dotted path of the message in the body.
    pub message_field: Option<String>,
    /// The fixed HTTP status of the body.
    pub http_status: Option<u16>,
    /// An array whose elements carry their own code.
    pub items: Option<String>,
    /// Dotted path of a request id.
    pub request_id_field: Option<String>,
    /// Dotted path of `{field, message}` details.
    pub details_field: Option<String>,
    /// How strings are compared with the codes.
    pub match_mode: MatchMode,
    /// Classification: which body table's code wins when several find one (highest
    /// first); 0 for HTTP-status tables, which are consulted after the body.
    pub precedence: u8,
}

pub use crate::schema::Location;

/// How an incoming string is compared with a table's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    /// Byte for byte.
    Exact,
    /// After trimming and collapsing runs of white space.
    NormalizeWhitespace,
}

/// One documented code: one variant.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The raw code.
    pub code: Code,
    /// The exact provider text.
    pub message: String,
    /// The documentation's explanation.
    pub description: Option<String>,
    /// The HTTP status it arrives with.
    pub http_status: Option<u16>,
    /// The documentation's grouping.
    pub category: Option<String>,
    /// Canonical kind.
    pub kind: Kind,
    /// Retry advice (defaulted from `kind`).
    pub retry: Retry,
    /// Outcome (defaulted from `kind`).
    pub outcome: Outcome,
    /// The variant name, a valid identifier.
    pub rust_name: String,
    /// Other documented texts: `(message, source)`.
    pub also_documented: Vec<(String, String)>,
    /// Free text.
    pub notes: Vec<String>,
    /// Mistakes in the documentation about this code.
    pub errata: Vec<String>,
    /// When the code left the documentation.
    pub undocumented_since: Option<String>,
    /// Where the entry is defined.
    pub origin: Origin,
}

/// A validated code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// An integer that fits the table's type.
    Int(i128),
    /// A string.
    Str(String),
}

impl Code {
    /// The text of a string code; `None` for an integer one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Code::Str(s) => Some(s),
            Code::Int(_) => None,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Str(s) => write!(f, "{s:?}"),
        }
    }
}

macro_rules! keyword_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal => $doc:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = $doc] $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The schema spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value with this schema spelling.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The Rust variant name.
            pub fn variant(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                }
            }

            /// One line saying what the value means.
            pub fn doc(self) -> &'static str {
                match self {
                    $($name::$variant => $doc,)*
                }
            }
        }
    };
}

keyword_enum! {
    /// The gRPC canonical status codes, shared by every provider.
    Kind {
        Ok = "ok" => "Not an error.",
        Cancelled = "cancelled" => "The operation was cancelled, typically by the caller.",
        Unknown = "unknown" => "An error with no better kind.",
        InvalidArgument = "invalid_argument" => "The request is invalid whatever the system's state.",
        DeadlineExceeded = "deadline_exceeded" => "The deadline expired before the operation finished.",
        NotFound = "not_found" => "Something requested was not found.",
        AlreadyExists = "already_exists" => "Something to be created already exists.",
        PermissionDenied = "permission_denied" => "The caller may not do this.",
        ResourceExhausted = "resource_exhausted" => "A quota, balance or rate limit is exhausted.",
        FailedPrecondition = "failed_precondition" => "The system is not in the state the operation needs.",
        Aborted = "aborted" => "The operation was aborted, typically by a concurrency conflict.",
        OutOfRange = "out_of_range" => "The operation was attempted past a valid range.",
        Unimplemented = "unimplemented" => "The operation is not implemented or supported.",
        Internal = "internal" => "An internal error of the provider.",
        Unavailable = "unavailable" => "The service is unavailable for now.",
        DataLoss = "data_loss" => "Unrecoverable data loss or corruption.",
        Unauthenticated = "unauthenticated" => "The request lacks valid credentials.",
    }
}

keyword_enum! {
    /// What a client should do about a code.
    Retry {
        Never = "never" => "Retrying the same request will not help.",
        Backoff = "backoff" => "Transient: retry with exponential backoff.",
        Poll = "poll" => "Not finished yet: ask again later.",
        AfterFixRequest = "after_fix_request" => "Correct the request, then send it again.",
        AfterFixCredentials = "after_fix_credentials" => "Authenticate or get access first.",
        AfterTopUp = "after_top_up" => "Add funds first.",
        AfterRaiseLimit = "after_raise_limit" => "Raise a spending or usage cap, or wait for it to reset.",
        AfterContactSupport = "after_contact_support" => "Only the provider's support can unblock this.",
    }
}

keyword_enum! {
    /// Whether a code reports an error at all.
    Outcome {
        Success = "success" => "The request succeeded.",
        Pending = "pending" => "Accepted, not finished: poll again.",
        Redirect = "redirect" => "Look elsewhere (HTTP 3xx).",
        Failure = "failure" => "The request failed.",
    }
}

impl Kind {
    /// The retry advice a kind implies when an entry gives none.
    pub fn default_retry(self) -> Retry {
        match self {
            Kind::DeadlineExceeded
            | Kind::ResourceExhausted
            | Kind::Aborted
            | Kind::Internal
            | Kind::Unavailable => Retry::Backoff,
            Kind::InvalidArgument | Kind::FailedPrecondition | Kind::OutOfRange => Retry::AfterFixRequest,
            Kind::PermissionDenied | Kind::Unauthenticated => Retry::AfterFixCredentials,
            Kind::Ok
            | Kind::Cancelled
            | Kind::Unknown
            | Kind::NotFound
            | Kind::AlreadyExists
            | Kind::Unimplemented
            | Kind::DataLoss => Retry::Never,
        }
    }

    /// The outcome a kind implies when an entry gives none.
    pub fn default_outcome(self) -> Outcome {
        if self == Kind::Ok {
            Outcome::Success
        } else {
            Outcome::Failure
        }
    }
}
