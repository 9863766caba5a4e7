//! The public items `classify` returns, emitted once per file: `Classified` and what
//! it carries, and the retry helper (`RetryPolicy`, `RetryStep`).

use super::super::docs::Doc;
use crate::config::Options;
use proc_macro2::TokenStream;
use quote::quote;

/// How `classify` decides, in the order it applies the rules: the generated
/// `Classified` docs and `schema/README.md` say the same.
const RULES: &[&str] = &[
    "1. Tables whose code is in the body (`location: json_body`) apply at every HTTP status, \
     or only at their `wire.http_status`. When none applies, the status decides alone: the \
     first of the provider's HTTP-status tables (in file order) that documents the status gives \
     the code (a provider whose codes are all HTTP statuses keeps an undocumented one as \
     `Unknown` of its first such table); otherwise a 2xx is a success without a code and \
     anything else is `UndocumentedStatus`.",
    "2. When a body table applies, the body must be empty or JSON of at most \
     `CLASSIFY_MAX_BODY_BYTES` bytes (`TooLarge`, `NotJson`). Each applying table reads its \
     `field` (and `message_field`, `request_id_field`, `details_field`, `items`); a field that \
     is absent or `null` is absent. A field of another JSON type sets its table aside, and \
     unless another applying table finds a code, the response is `WrongType`.",
    "3. The code is the first documented body code, tables taken by `wire.precedence` (highest \
     first, then in file order); else the code of the first HTTP-status table that documents \
     the status; else the first undocumented body code, kept raw in `Unknown`.",
    "4. The code's `outcome` picks the variant, and its `kind` and `retry` are kept. The message, \
     request id and details are the chosen table's, else the first other applying table's that \
     has one (a free-text table, `match: normalize_whitespace`, offers the text itself).",
    "5. Without a code, a 2xx is a success without a code, unless an applying table documents its \
     code at that status (`wire.http_status`, or an entry's `http_status`); otherwise the \
     response is `MissingCode` (`EmptyBody` for an empty body).",
    "6. A table with `items` also reads its fields in every element of that array, relative to \
     the element: one outcome per element in `items`; an element without its code is an \
     `Unexpected` item, not an unexpected response.",
];

/// The number of bytes of a body (or of an item's JSON) an `Unexpected` keeps.
pub(super) const EXCERPT_BYTES: usize = 512;

pub(super) fn expand_types(opts: &Options) -> TokenStream {
    let items = [
        expand_max_body(opts),
        expand_classified(opts),
        expand_classified_impl(),
        expand_reply(opts),
        expand_failure(opts),
        expand_detail(opts),
        expand_unexpected(opts),
        expand_reason(opts),
        expand_retry_step(opts),
        expand_retry_policy(opts),
    ];
    quote! { #(#items)* }
}

fn expand_max_body(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    let max = proc_macro2::Literal::usize_unsuffixed(opts.max_body_bytes);
    quote! {
        /// The largest response body `classify` parses, in bytes
        /// (`Config::classify_max_body_bytes`): a larger one is not read and is an
        /// unexpected response (`UnexpectedReason::TooLarge`).
        #vis const CLASSIFY_MAX_BODY_BYTES: usize = #max;
    }
}

fn expand_classified(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    let mut doc = Doc::default();
    doc.line("What one HTTP response says, read by a provider's `classify(status, body)` from the")
        .line("places its schema's `wire` names. `C` is the provider's `ResponseCode`.")
        .gap()
        .line("`classify` never panics: a body that is not what the documentation describes")
        .line("is `Unexpected`, with the status and a bounded excerpt. The rules, in order:");
    for rule in RULES {
        doc.gap().line(*rule);
    }
    let doc = doc.tokens();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        #vis enum Classified<C> {
            /// The request succeeded (`code` may still say the result is empty).
            Success(Reply<C>),
            /// Accepted, not finished: ask again later.
            Pending(Reply<C>),
            /// Look elsewhere (HTTP 3xx).
            Redirect(Reply<C>),
            /// The request failed, as documented.
            Failure(Failure<C>),
            /// The response is not what the documentation describes.
            Unexpected(Unexpected),
        }
    }
}

fn expand_classified_impl() -> TokenStream {
    let none = quote!(::core::option::Option::None);
    quote! {
        impl<C> Classified<C> {
            /// The HTTP status of the response.
            pub fn status(&self) -> u16 {
                match self {
                    Self::Success(r) | Self::Pending(r) | Self::Redirect(r) => r.status,
                    Self::Failure(f) => f.status,
                    Self::Unexpected(u) => u.status,
                }
            }

            /// The typed code; `None` for an unexpected response or a success without one.
            pub fn code(&self) -> ::core::option::Option<&C> {
                match self {
                    Self::Success(r) | Self::Pending(r) | Self::Redirect(r) => r.code.as_ref(),
                    Self::Failure(f) => ::core::option::Option::Some(&f.code),
                    Self::Unexpected(_) => #none,
                }
            }

            /// The provider's message, as received.
            pub fn message(&self) -> ::core::option::Option<&str> {
                match self {
                    Self::Success(r) | Self::Pending(r) | Self::Redirect(r) => r.message.as_deref(),
                    Self::Failure(f) => f.message.as_deref(),
                    Self::Unexpected(_) => #none,
                }
            }

            /// The canonical kind; `Unknown` for an unexpected response.
            pub fn kind(&self) -> CanonicalKind {
                match self {
                    Self::Success(r) | Self::Pending(r) | Self::Redirect(r) => r.kind,
                    Self::Failure(f) => f.kind,
                    Self::Unexpected(_) => CanonicalKind::Unknown,
                }
            }

            /// What to do about it: the code's advice (`Poll` for pending work). The
            /// documentation does not cover an unexpected response, so HTTP decides:
            /// `Backoff` for 429 and 5xx (an overloaded server, a proxy's error page),
            /// else `Never`.
            pub fn retry(&self) -> RetryAdvice {
                match self {
                    Self::Success(r) | Self::Redirect(r) => r.retry,
                    Self::Pending(_) => RetryAdvice::Poll,
                    Self::Failure(f) => f.retry,
                    Self::Unexpected(u) if u.status == 429 || u.status >= 500 => RetryAdvice::Backoff,
                    Self::Unexpected(_) => RetryAdvice::Never,
                }
            }

            /// The request id the provider sent, if any.
            pub fn request_id(&self) -> ::core::option::Option<&str> {
                match self {
                    Self::Success(r) | Self::Pending(r) | Self::Redirect(r) => r.request_id.as_deref(),
                    Self::Failure(f) => f.request_id.as_deref(),
                    Self::Unexpected(_) => #none,
                }
            }

            /// One outcome per element of the body's item array (`wire.items`, e.g.
            /// DataForSEO's `tasks`), in order; empty when there is none.
            pub fn items(&self) -> &[Classified<C>] {
                match self {
                    Self::Success(r) | Self::Pending(r) | Self::Redirect(r) => &r.items,
                    Self::Failure(f) => &f.items,
                    Self::Unexpected(_) => &[],
                }
            }

            /// Whether the request succeeded.
            pub fn is_success(&self) -> bool {
                matches!(self, Self::Success(_))
            }

            /// `RetryPolicy::DEFAULT.next_step(self, attempt)`: what to do after attempt
            /// number `attempt` (1 for the first request) ended in this outcome.
            pub fn next_step(&self, attempt: u32) -> RetryStep {
                RetryPolicy::DEFAULT.next_step(self, attempt)
            }
        }
    }
}

fn expand_reply(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    let (string, vec) = (opts.string_type(), opts.vec_type());
    quote! {
        /// A response that is not a failure: success, pending work or a redirect.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        #vis struct Reply<C> {
            /// The HTTP status of the response.
            pub status: u16,
            /// The code that says so; `None` for a 2xx whose body carries none.
            pub code: ::core::option::Option<C>,
            /// The provider's message, as received.
            pub message: ::core::option::Option<#string>,
            /// The code's canonical kind (`Ok` without a code).
            pub kind: CanonicalKind,
            /// The code's retry advice (`Never` without a code).
            pub retry: RetryAdvice,
            /// The request id the provider sent, if any.
            pub request_id: ::core::option::Option<#string>,
            /// One outcome per element of the body's item array (`wire.items`).
            pub items: #vec<Classified<C>>,
        }
    }
}

fn expand_failure(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    let (string, vec) = (opts.string_type(), opts.vec_type());
    quote! {
        /// A documented failure (or an undocumented code, kept as `Unknown`).
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        #vis struct Failure<C> {
            /// The HTTP status of the response.
            pub status: u16,
            /// The typed code.
            pub code: C,
            /// The provider's message, as received.
            pub message: ::core::option::Option<#string>,
            /// The code's canonical kind.
            pub kind: CanonicalKind,
            /// The code's retry advice, as the provider documents it.
            pub retry: RetryAdvice,
            /// The request id the provider sent, if any.
            pub request_id: ::core::option::Option<#string>,
            /// The `{field, message}` details the provider sent (`wire.details_field`).
            pub details: #vec<Detail>,
            /// One outcome per element of the body's item array (`wire.items`).
            pub items: #vec<Classified<C>>,
        }

        /// Writes the code, the HTTP status and the message received:
        /// `Too many requests. (Provider code), HTTP 429: Slow down`.
        #[automatically_derived]
        impl<C: ::core::fmt::Display> ::core::fmt::Display for Failure<C> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{}, HTTP {}", self.code, self.status)?;
                match &self.message {
                    ::core::option::Option::Some(message) => ::core::write!(f, ": {}", message),
                    ::core::option::Option::None => ::core::result::Result::Ok(()),
                }
            }
        }

        #[automatically_derived]
        impl<C: ::core::fmt::Debug + ::core::fmt::Display> ::core::error::Error for Failure<C> {}
    }
}

fn expand_detail(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    let string = opts.string_type();
    quote! {
        /// One `{field, message}` element of a failure's details.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #vis struct Detail {
            /// The request field concerned.
            pub field: #string,
            /// What is wrong with it.
            pub message: #string,
        }
    }
}

fn expand_unexpected(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    let string = opts.string_type();
    let excerpt = format!(
        " The start of the body (of the item's JSON, for an item): at most {EXCERPT_BYTES} bytes, \
         never a character cut in two, invalid UTF-8 replaced by U+FFFD."
    );
    quote! {
        /// A response the documentation does not describe: an HTML page from a proxy,
        /// a truncated or oversized body, a field of the wrong type, an undocumented
        /// status without a code.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #vis struct Unexpected {
            /// The HTTP status of the response.
            pub status: u16,
            /// What is not as documented.
            pub reason: UnexpectedReason,
            #[doc = #excerpt]
            pub excerpt: #string,
        }

        /// `unexpected response (HTTP 502): the body is not JSON`.
        #[automatically_derived]
        impl ::core::fmt::Display for Unexpected {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "unexpected response (HTTP {}): {}", self.status, self.reason)
            }
        }

        #[automatically_derived]
        impl ::core::error::Error for Unexpected {}
    }
}

fn expand_reason(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    quote! {
        /// Why a response is `Unexpected`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #vis enum UnexpectedReason {
            /// The body is empty where the documentation promises a code.
            EmptyBody,
            /// The body is larger than `CLASSIFY_MAX_BODY_BYTES`; it was not read.
            TooLarge,
            /// The body is not JSON: an HTML error page, truncated JSON, bytes that are
            /// not UTF-8.
            NotJson,
            /// The JSON carries no code where the documentation promises one.
            MissingCode,
            /// This field (a `wire` path, relative to the item for an item) has another
            /// JSON type than documented, or an integer code does not fit its type.
            WrongType(&'static str),
            /// The HTTP status is not documented and no body code explains it.
            UndocumentedStatus,
        }

        #[automatically_derived]
        impl ::core::fmt::Display for UnexpectedReason {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    Self::EmptyBody => f.write_str("the body is empty"),
                    Self::TooLarge => ::core::write!(f, "the body is larger than {} bytes", CLASSIFY_MAX_BODY_BYTES),
                    Self::NotJson => f.write_str("the body is not JSON"),
                    Self::MissingCode => f.write_str("the body carries no code"),
                    Self::WrongType(field) => ::core::write!(f, "`{}` has an undocumented type", field),
                    Self::UndocumentedStatus => f.write_str("the HTTP status is not documented"),
                }
            }
        }
    }
}

fn expand_retry_step(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    quote! {
        /// What to do after a response: `RetryPolicy::next_step`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #vis enum RetryStep {
            /// The request succeeded: nothing to retry.
            Done,
            /// Send the request again (for pending work: ask for the result again)
            /// after this delay.
            RetryAfter(::core::time::Duration),
            /// Stop: sending it again cannot help, or the attempts are used up.
            GiveUp,
            /// Stop until someone acts (fixes the request or the credentials, tops up,
            /// raises a limit, contacts support: the advice says which); then send it
            /// again.
            AfterUserAction(RetryAdvice),
        }
    }
}

fn expand_retry_policy(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    quote! {
        /// How many times and how long apart to retry, for a loop around `classify`:
        ///
        /// ```text
        /// for attempt in 1.. {
        ///     let outcome = provider::classify(status, &body); // after sending the request
        ///     match policy.next_step(&outcome, attempt) {
        ///         RetryStep::RetryAfter(delay) => sleep(delay),
        ///         _ => return outcome,
        ///     }
        /// }
        /// ```
        ///
        /// The delays carry no jitter: add some when many clients retry together.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #vis struct RetryPolicy {
            /// Attempts in all, the first request included. Default: 5.
            pub max_attempts: u32,
            /// The delay before the first retry of a transient failure, doubled for
            /// each further retry. Default: 1 s.
            pub initial_backoff: ::core::time::Duration,
            /// The longest backoff delay. Default: 60 s.
            pub max_backoff: ::core::time::Duration,
            /// The delay between two requests for pending work. Default: 5 s.
            pub poll_interval: ::core::time::Duration,
        }

        impl RetryPolicy {
            /// The defaults: 5 attempts, backoff from 1 s doubling up to 60 s, polls 5 s apart.
            pub const DEFAULT: Self = Self {
                max_attempts: 5,
                initial_backoff: ::core::time::Duration::from_secs(1),
                max_backoff: ::core::time::Duration::from_secs(60),
                poll_interval: ::core::time::Duration::from_secs(5),
            };

            /// What to do after attempt number `attempt` (1 for the first request)
            /// ended in `outcome`, following the provider's documented advice
            /// (`Classified::retry`): a success is `Done`; pending work and `Poll` wait
            /// `poll_interval`; `Backoff` waits `backoff(attempt)`; both give up after
            /// `max_attempts`; `Never` gives up; the other advice needs someone to act.
            pub fn next_step<C>(&self, outcome: &Classified<C>, attempt: u32) -> RetryStep {
                let wait = |delay| {
                    if attempt < self.max_attempts {
                        RetryStep::RetryAfter(delay)
                    } else {
                        RetryStep::GiveUp
                    }
                };
                match (outcome, outcome.retry()) {
                    (Classified::Success(_), _) => RetryStep::Done,
                    (Classified::Pending(_), _) | (_, RetryAdvice::Poll) => wait(self.poll_interval),
                    (_, RetryAdvice::Backoff) => wait(self.backoff(attempt)),
                    (_, RetryAdvice::Never) => RetryStep::GiveUp,
                    (_, advice) => RetryStep::AfterUserAction(advice),
                }
            }

            /// The delay after attempt number `attempt`: `initial_backoff` doubled
            /// `attempt - 1` times, at most `max_backoff`.
            pub fn backoff(&self, attempt: u32) -> ::core::time::Duration {
                let factor = 1u32.checked_shl(attempt.saturating_sub(1)).unwrap_or(u32::MAX);
                match self.initial_backoff.checked_mul(factor) {
                    ::core::option::Option::Some(delay) if delay < self.max_backoff => delay,
                    _ => self.max_backoff,
                }
            }
        }

        #[automatically_derived]
        impl ::core::default::Default for RetryPolicy {
            fn default() -> Self {
                Self::DEFAULT
            }
        }
    }
}
