//! The private engine behind every provider's `classify`, emitted once per file as
//! `mod classify_support`: the rules of `types::RULES`, generic over the provider's
//! code type. A provider's `classify` hands it its tables' `wire` data (`Table`) and
//! nothing else, so no rule depends on which provider it is.
//!
//! The engine reads input with `get`, `as_*` and `?`: no indexing and no `unwrap` on
//! anything that comes from a response.

use super::CLASSIFY_SUPPORT;
use super::types::EXCERPT_BYTES;
use crate::config::Options;
use crate::expand::ident;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn expand_engine(opts: &Options) -> TokenStream {
    let (string, vec) = (opts.string_type(), opts.vec_type());
    let support = ident(CLASSIFY_SUPPORT);
    let items = [
        expand_spec(),
        expand_entry(),
        expand_body(),
        expand_prune(),
        expand_decide(),
        expand_read(),
        expand_items(),
        expand_outcome(),
        expand_excerpt(),
    ];
    quote! {
        /// The rules of `Classified`, shared by every provider's `classify`. Parts go
        /// unused when no provider's codes travel in a body.
        #[allow(dead_code)]
        mod #support {
            use ::core::option::Option::{self, None, Some};
            use ::core::result::Result::{self, Err, Ok};
            use ::serde_json::Value;
            use #string;
            use #vec;
            use super::{
                CanonicalKind, Classified, Detail, Failure, Outcome, Reply, RetryAdvice, Unexpected,
                UnexpectedReason,
            };

            #(#items)*
        }
    }
}

/// `Path`, `Table` and `Code`: what a provider tells the engine.
fn expand_spec() -> TokenStream {
    quote! {
        /// A `wire` path: its keys, and its text for `UnexpectedReason::WrongType`.
        pub(super) struct Path {
            pub(super) keys: &'static [&'static str],
            pub(super) name: &'static str,
        }

        /// One table whose code travels in the body: its schema's `wire`.
        pub(super) struct Table<C> {
            /// `wire.http_status`: the table applies at this status only.
            pub(super) status: Option<u16>,
            /// The statuses at which its code is documented to arrive.
            pub(super) promised: &'static [u16],
            pub(super) field: Path,
            pub(super) message: Option<Path>,
            pub(super) request_id: Option<Path>,
            pub(super) details: Option<Path>,
            pub(super) items: Option<Path>,
            /// `match: normalize_whitespace`: the code is itself a message.
            pub(super) free_text: bool,
            /// The typed code of a JSON value; `None` when it has another type.
            pub(super) code: fn(Val<'_>) -> Option<C>,
        }

        /// What the engine needs to know of a provider's code.
        pub(super) trait Code {
            /// The code's outcome, kind and retry advice.
            fn meta(&self) -> (Outcome, CanonicalKind, RetryAdvice);
            /// Whether the documentation lists the code.
            fn documented(&self) -> bool;
        }

        /// What one table found in one JSON object. Texts are borrowed from the
        /// parsed body, and copied only into the outcome (`outcome`, `no_code`).
        struct Found<'v, C> {
            code: Option<C>,
            message: Option<&'v str>,
            request_id: Option<&'v str>,
            /// Each one checked by `detail`.
            details: List<'v>,
            items: Option<Vec<Classified<C>>>,
        }

        /// What a table found, with the statuses its codes are promised at; `None`
        /// where the table does not apply, could not read the body, or was not needed.
        type Slot<'v, C> = Option<(&'static [u16], Found<'v, C>)>;

        impl<C> Found<'_, C> {
            const NOTHING: Self = Self {
                code: None,
                message: None,
                request_id: None,
                details: List::Values(&[]),
                items: None,
            };
        }
    }
}

/// `classify`, the entry point, and the status-only path (rule 1).
fn expand_entry() -> TokenStream {
    quote! {
        /// Classifies a response with a provider's body tables (in precedence order)
        /// and its HTTP-status lookup (`from_code` of its HTTP-status tables), if it has one.
        /// `keep`: every path any table reads (see `Prune`); `None` parses it all.
        pub(super) fn classify<C: Code, const N: usize>(
            status: u16,
            body: &[u8],
            tables: &[Table<C>; N],
            http: Option<fn(u16) -> C>,
            keep: Option<&'static [&'static [&'static str]]>,
        ) -> Classified<C> {
            let applies = |table: &&Table<C>| table.status.is_none_or(|s| s == status);
            if !tables.iter().any(|table| applies(&table)) {
                return by_status(status, body, http, tables.is_empty());
            }
            classify_json(status, body, tables, http, keep)
        }

        fn classify_json<C: Code, const N: usize>(
            status: u16,
            body: &[u8],
            tables: &[Table<C>; N],
            http: Option<fn(u16) -> C>,
            keep: Option<&'static [&'static [&'static str]]>,
        ) -> Classified<C> {
            let applies = |table: &&Table<C>| table.status.is_none_or(|s| s == status);
            let json = match parse(body, keep) {
                Ok(json) => json,
                Err(reason) => return unexpected(status, body, reason),
            };
            // What each table found, in precedence order, on the stack.
            let mut found: [Slot<'_, C>; N] = ::core::array::from_fn(|_| None);
            let mut problem = None;
            let at = json.as_ref().map(At::Node);
            // Once a table finds a documented code, that code wins (`decide`): a later
            // table is read only for what no table read so far has (see `merge`).
            let mut won = false;
            for (i, table) in tables.iter().enumerate().filter(|(_, table)| applies(table)) {
                if won && !adds(table, &found) {
                    continue;
                }
                match read(table, at, status, true) {
                    Ok(f) => {
                        won |= f.code.as_ref().is_some_and(Code::documented);
                        if let Some(slot) = found.get_mut(i) {
                            *slot = Some((table.promised, f));
                        }
                    }
                    Err(reason) => problem = problem.or(Some(reason)),
                }
            }
            // An item without a readable code is shown by its JSON, which the kept
            // parts would cut down: read the whole body again for that rare case.
            // Checked on every table read, not only on the items the outcome shows, so
            // that the outcome is built in place (at worst a rare parse more).
            let cut_item = |(_, f): &(_, Found<'_, C>)| {
                f.items.iter().flatten().any(|item| matches!(item, Classified::Unexpected(_)))
            };
            if keep.is_some() && found.iter().flatten().any(cut_item) {
                return classify_json(status, body, tables, http, None);
            }
            // A table with a field of the wrong type is set aside; the response is
            // unexpected unless another table found a code.
            match problem {
                Some(reason) if found.iter().flatten().all(|(_, f)| f.code.is_none()) => {
                    unexpected(status, body, reason)
                }
                _ => decide(status, body, &mut found, http, json.is_some()),
            }
        }

        /// No body table applies: the HTTP status decides.
        fn by_status<C: Code>(
            status: u16,
            body: &[u8],
            http: Option<fn(u16) -> C>,
            status_only: bool,
        ) -> Classified<C> {
            match http.map(|code| code(status)) {
                Some(code) if status_only || code.documented() => outcome(status, code, Found::NOTHING),
                _ if (200..300).contains(&status) => no_code(status, Found::NOTHING),
                _ => unexpected(status, body, UnexpectedReason::UndocumentedStatus),
            }
        }
    }
}

/// The size cap and the JSON parse (rule 2).
fn expand_body() -> TokenStream {
    quote! {
        /// The body's JSON, cut down to the `keep` paths (whole without them);
        /// `None` for an empty body. The size is checked first, so an oversized body
        /// is never parsed.
        fn parse<'de>(
            body: &'de [u8],
            keep: Option<&'static [&'static [&'static str]]>,
        ) -> Result<Option<Node<'de>>, UnexpectedReason> {
            if body.len() > super::CLASSIFY_MAX_BODY_BYTES {
                return Err(UnexpectedReason::TooLarge);
            }
            let Some(first) = body.iter().find(|b| !b.is_ascii_whitespace()) else {
                return Ok(None);
            };
            // What no JSON value starts with (an HTML error page, say) is refused
            // before the parser's set-up, as the parser would refuse it.
            if !matches!(first, b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') {
                return Err(UnexpectedReason::NotJson);
            }
            let Some(keep) = keep.filter(|keep| keep.len() <= Prune::MAX_PATHS) else {
                return ::serde_json::from_slice(body)
                    .map(|value| Some(Node::Whole(value)))
                    .map_err(|_| UnexpectedReason::NotJson);
            };
            // No UTF-8 check of its own: serde_json checks every string it reads, and
            // `Skip` reads every string no table keeps, as the whole parse does.
            let mut json = ::serde_json::Deserializer::from_slice(body);
            // One bit per path; none for no path (a shift by 64 would overflow).
            let all = u64::MAX.checked_shr((Prune::MAX_PATHS - keep.len()) as u32).unwrap_or(0);
            let seed = Prune { keep, depth: 0, alive: all };
            let value = ::serde::de::DeserializeSeed::deserialize(seed, &mut json);
            match (value, json.end()) {
                (Ok(value), Ok(())) => Ok(Some(value)),
                _ => Err(UnexpectedReason::NotJson),
            }
        }
    }
}

/// Parsing only what classification reads, and reading it.
fn expand_prune() -> TokenStream {
    quote! {
        /// A body as classification keeps it: the values at the `keep` paths, and
        /// the objects and arrays on the way to them with only their members on the
        /// way. A DataForSEO `result` list is parsed (see `Skip`) but not kept, an
        /// object's kept keys are the paths' own, not copies, and a string without
        /// escapes is borrowed from the body.
        enum Node<'de> {
            /// A value as parsed: where a kept path ends, where one would go deeper
            /// than the body does, or a whole body parsed without `keep`.
            Whole(Value),
            /// A string as `Whole` would hold it, borrowed from the body.
            Text(&'de str),
            /// An object on the way to a kept path: its members on the way, in order.
            Object(Vec<(&'static str, Node<'de>)>),
            /// An array on the way to a kept path: every element, cut down alike.
            Array(Vec<Node<'de>>),
        }

        impl Node<'_> {
            /// The JSON of a cut-down node, as far as it was kept.
            fn to_value(&self) -> Value {
                match self {
                    Node::Whole(value) => value.clone(),
                    Node::Text(text) => Value::String(String::from(*text)),
                    // `insert` keeps the last of repeated keys, as the parser does.
                    Node::Object(members) => Value::Object(
                        members.iter().map(|(key, node)| (String::from(*key), node.to_value())).collect(),
                    ),
                    Node::Array(list) => Value::Array(list.iter().map(Node::to_value).collect()),
                }
            }
        }

        /// A place in a body: a node, or a value inside a whole one.
        #[derive(Clone, Copy)]
        enum At<'v> {
            Node(&'v Node<'v>),
            Value(&'v Value),
        }

        /// An array's elements: cut down (on the way to kept paths), or whole.
        #[derive(Clone, Copy)]
        enum List<'v> {
            Nodes(&'v [Node<'v>]),
            Values(&'v [Value]),
        }

        impl<'v> List<'v> {
            fn iter(self) -> impl Iterator<Item = At<'v>> {
                let (nodes, values) = match self {
                    List::Nodes(list) => (list, &[][..]),
                    List::Values(list) => (&[][..], list),
                };
                nodes.iter().map(At::Node).chain(values.iter().map(At::Value))
            }

            fn is_empty(self) -> bool {
                match self {
                    List::Nodes(list) => list.is_empty(),
                    List::Values(list) => list.is_empty(),
                }
            }
        }

        /// A value a table reads: a borrowed string, or any JSON value.
        #[derive(Clone, Copy)]
        pub(super) enum Val<'v> {
            Text(&'v str),
            Json(&'v Value),
        }

        impl<'v> Val<'v> {
            pub(super) fn as_str(self) -> Option<&'v str> {
                match self {
                    Val::Text(text) => Some(text),
                    Val::Json(value) => value.as_str(),
                }
            }

            pub(super) fn as_u64(self) -> Option<u64> {
                self.json().and_then(Value::as_u64)
            }

            pub(super) fn as_i64(self) -> Option<i64> {
                self.json().and_then(Value::as_i64)
            }

            /// The value unless it is a string.
            fn json(self) -> Option<&'v Value> {
                match self {
                    Val::Text(_) => None,
                    Val::Json(value) => Some(value),
                }
            }
        }

        impl<'v> At<'v> {
            /// An object's member, as `Value::get` reads it.
            fn get(self, key: &str) -> Option<At<'v>> {
                match self {
                    At::Node(Node::Whole(value)) | At::Value(value) => value.get(key).map(At::Value),
                    // The last of repeated keys counts, as in a parsed object.
                    At::Node(Node::Object(members)) => {
                        members.iter().rev().find(|(k, _)| *k == key).map(|(_, node)| At::Node(node))
                    }
                    At::Node(Node::Array(_) | Node::Text(_)) => None,
                }
            }

            /// The elements of an array here, kept or whole; `None` for anything else.
            fn elements(self) -> Option<List<'v>> {
                match self {
                    At::Node(Node::Array(list)) => Some(List::Nodes(list)),
                    at => match at.value().and_then(Val::json) {
                        Some(Value::Array(list)) => Some(List::Values(list)),
                        _ => None,
                    },
                }
            }

            /// The string at `key` of an object here.
            fn text(self, key: &str) -> Option<&'v str> {
                self.get(key).and_then(At::value).and_then(Val::as_str)
            }

            /// The value here; `None` for an object or array kept only on the way
            /// to a path (no path ends there, so no table reads it as a value).
            fn value(self) -> Option<Val<'v>> {
                match self {
                    At::Node(Node::Whole(value)) | At::Value(value) => Some(Val::Json(value)),
                    At::Node(Node::Text(text)) => Some(Val::Text(text)),
                    At::Node(_) => None,
                }
            }
        }

        /// The parts of a body that classification reads: the values at the `keep`
        /// paths (an array on the way passes through to its elements). Every other
        /// value is still parsed, so a malformed body stays malformed, but not kept.
        /// `alive` has a bit per path that matches the keys walked so far; `depth`
        /// counts them.
        #[derive(Clone, Copy)]
        struct Prune {
            keep: &'static [&'static [&'static str]],
            depth: usize,
            alive: u64,
        }

        impl Prune {
            const MAX_PATHS: usize = 64;

            /// Whether a kept path ends at this depth: the value is kept whole.
            fn ends(self) -> bool {
                self.alive().any(|path| path.len() == self.depth)
            }

            fn alive(self) -> impl Iterator<Item = &'static [&'static str]> {
                self.keep
                    .iter()
                    .enumerate()
                    .filter(move |(i, _)| (self.alive >> i) & 1 == 1)
                    .map(|(_, path)| *path)
            }
        }

        impl<'de> ::serde::de::DeserializeSeed<'de> for Prune {
            type Value = Node<'de>;

            fn deserialize<D: ::serde::Deserializer<'de>>(self, json: D) -> Result<Node<'de>, D::Error> {
                json.deserialize_any(self)
            }
        }

        /// Scalars are kept as `Value` would hold them, wherever they are: where a
        /// kept path ends, or where one would go deeper than the body does (so that
        /// reading a path through it finds what a full parse would). An object or
        /// array where a path ends is parsed into a `Value` as a whole parse would.
        impl<'de> ::serde::de::Visitor<'de> for Prune {
            type Value = Node<'de>;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("JSON")
            }

            fn visit_bool<E>(self, value: bool) -> Result<Node<'de>, E> {
                Ok(Node::Whole(Value::Bool(value)))
            }

            fn visit_i64<E>(self, value: i64) -> Result<Node<'de>, E> {
                Ok(Node::Whole(Value::from(value)))
            }

            fn visit_u64<E>(self, value: u64) -> Result<Node<'de>, E> {
                Ok(Node::Whole(Value::from(value)))
            }

            fn visit_f64<E>(self, value: f64) -> Result<Node<'de>, E> {
                Ok(Node::Whole(Value::from(value)))
            }

            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Node<'de>, E> {
                Ok(Node::Text(value))
            }

            fn visit_str<E>(self, value: &str) -> Result<Node<'de>, E> {
                Ok(Node::Whole(Value::String(String::from(value))))
            }

            fn visit_unit<E>(self) -> Result<Node<'de>, E> {
                Ok(Node::Whole(Value::Null))
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut list: A) -> Result<Node<'de>, A::Error> {
                if self.ends() {
                    let list = ::serde::de::value::SeqAccessDeserializer::new(list);
                    return <Value as ::serde::Deserialize>::deserialize(list).map(Node::Whole);
                }
                let mut kept = Vec::new();
                while let Some(node) = list.next_element_seed(self)? {
                    kept.push(node);
                }
                Ok(Node::Array(kept))
            }

            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut object: A) -> Result<Node<'de>, A::Error> {
                if self.ends() {
                    let object = ::serde::de::value::MapAccessDeserializer::new(object);
                    return <Value as ::serde::Deserialize>::deserialize(object).map(Node::Whole);
                }
                let mut kept = Vec::new();
                while let Some(alive) = object.next_key_seed(Key(self))? {
                    let child = Prune { depth: self.depth + 1, alive, ..self };
                    match child.alive().next().and_then(|path| path.get(self.depth)) {
                        Some(key) => kept.push((*key, object.next_value_seed(child)?)),
                        None => object.next_value_seed(Skip)?,
                    }
                }
                Ok(Node::Object(kept))
            }
        }

        /// A value no table reads: parsed as the whole parse parses it, then dropped,
        /// so that the same bodies are refused (a number out of range, a lone
        /// surrogate, nesting past the parser's limit, all of which serde_json's own
        /// `IgnoredAny` lets through), without building anything.
        #[derive(Clone, Copy)]
        struct Skip;

        impl<'de> ::serde::de::DeserializeSeed<'de> for Skip {
            type Value = ();

            fn deserialize<D: ::serde::Deserializer<'de>>(self, json: D) -> Result<(), D::Error> {
                json.deserialize_any(self)
            }
        }

        impl<'de> ::serde::de::Visitor<'de> for Skip {
            type Value = ();

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("JSON")
            }

            fn visit_bool<E>(self, _: bool) -> Result<(), E> {
                Ok(())
            }

            fn visit_i64<E>(self, _: i64) -> Result<(), E> {
                Ok(())
            }

            fn visit_u64<E>(self, _: u64) -> Result<(), E> {
                Ok(())
            }

            fn visit_f64<E>(self, _: f64) -> Result<(), E> {
                Ok(())
            }

            fn visit_str<E>(self, _: &str) -> Result<(), E> {
                Ok(())
            }

            fn visit_unit<E>(self) -> Result<(), E> {
                Ok(())
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut list: A) -> Result<(), A::Error> {
                while list.next_element_seed(Skip)?.is_some() {}
                Ok(())
            }

            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut object: A) -> Result<(), A::Error> {
                while object.next_key_seed(Skip)?.is_some() {
                    object.next_value_seed(Skip)?;
                }
                Ok(())
            }
        }

        /// An object's key, read as the paths it continues (no copy of the key).
        struct Key(Prune);

        impl<'de> ::serde::de::DeserializeSeed<'de> for Key {
            type Value = u64;

            fn deserialize<D: ::serde::Deserializer<'de>>(self, json: D) -> Result<u64, D::Error> {
                json.deserialize_str(self)
            }
        }

        impl<'de> ::serde::de::Visitor<'de> for Key {
            type Value = u64;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("a key")
            }

            fn visit_str<E>(self, key: &str) -> Result<u64, E> {
                let Key(prune) = self;
                let mut alive = 0;
                for (i, path) in prune.keep.iter().enumerate() {
                    if (prune.alive >> i) & 1 == 1 && path.get(prune.depth) == Some(&key) {
                        alive |= 1 << i;
                    }
                }
                Ok(alive)
            }
        }
    }
}

/// Which code wins, and what goes with it (rules 3 to 5).
fn expand_decide() -> TokenStream {
    quote! {
        fn decide<C: Code>(
            status: u16,
            body: &[u8],
            found: &mut [Slot<'_, C>],
            http: Option<fn(u16) -> C>,
            has_json: bool,
        ) -> Classified<C> {
            let position = |found: &[Slot<'_, C>], documented: bool| {
                found.iter().position(|slot| {
                    slot.as_ref()
                        .and_then(|(_, f)| f.code.as_ref())
                        .is_some_and(|c| c.documented() == documented)
                })
            };
            // The status is looked up only when no body code is documented.
            let http = || http.map(|code| code(status)).filter(Code::documented);
            let (chosen, code) = match position(found, true) {
                Some(i) => (Some(i), take_code(found, i)),
                None => match (http(), position(found, false)) {
                    (Some(code), _) => (None, Some(code)),
                    (None, Some(i)) => (Some(i), take_code(found, i)),
                    (None, None) => (None, None),
                },
            };
            let rest = merge(found, chosen);
            let promised = || found.iter().flatten().any(|(statuses, _)| statuses.contains(&status));
            match code {
                Some(code) => outcome(status, code, rest),
                None if (200..300).contains(&status) && !promised() => no_code(status, rest),
                None if has_json => unexpected(status, body, UnexpectedReason::MissingCode),
                None => unexpected(status, body, UnexpectedReason::EmptyBody),
            }
        }

        /// Whether `table` may add to the outcome what no table in `found` has.
        fn adds<C>(table: &Table<C>, found: &[Slot<'_, C>]) -> bool {
            let has = |part: fn(&Found<'_, C>) -> bool| found.iter().flatten().any(|(_, f)| part(f));
            ((table.message.is_some() || table.free_text) && !has(|f| f.message.is_some()))
                || (table.request_id.is_some() && !has(|f| f.request_id.is_some()))
                || (table.details.is_some() && !has(|f| !f.details.is_empty()))
                || (table.items.is_some() && !has(|f| f.items.is_some()))
        }

        fn take_code<C>(found: &mut [Slot<'_, C>], i: usize) -> Option<C> {
            found.get_mut(i).and_then(Option::as_mut).and_then(|(_, f)| f.code.take())
        }

        /// The message, request id, details and items of the chosen table, else of
        /// the first other table that has them.
        fn merge<'v, C>(found: &mut [Slot<'v, C>], chosen: Option<usize>) -> Found<'v, C> {
            let mut rest = Found::NOTHING;
            for i in chosen.into_iter().chain(0..found.len()) {
                let Some(Some((_, f))) = found.get_mut(i) else {
                    continue;
                };
                rest.message = rest.message.or(f.message);
                rest.request_id = rest.request_id.or(f.request_id);
                if rest.details.is_empty() {
                    rest.details = f.details;
                }
                rest.items = rest.items.or_else(|| f.items.take());
            }
            rest
        }
    }
}

/// Reading one table's fields from one JSON object.
fn expand_read() -> TokenStream {
    quote! {
        /// Reads a table's fields; `top` is false for an element of `items`.
        fn read<'v, C: Code>(
            table: &Table<C>,
            json: Option<At<'v>>,
            status: u16,
            top: bool,
        ) -> Result<Found<'v, C>, UnexpectedReason> {
            let Some(json) = json else {
                return Ok(Found::NOTHING);
            };
            let raw = get(json, &table.field).and_then(At::value);
            let code = match raw {
                Some(value) => Some((table.code)(value).ok_or(UnexpectedReason::WrongType(table.field.name))?),
                None => None,
            };
            let mut message = text(json, table.message.as_ref())?;
            if message.is_none() && table.free_text {
                message = raw.and_then(Val::as_str);
            }
            let items = match table.items.as_ref().filter(|_| top) {
                Some(path) => items(table, json, path, status)?,
                None => None,
            };
            Ok(Found {
                code,
                message,
                request_id: text(json, table.request_id.as_ref())?,
                details: details(json, table.details.as_ref())?,
                items,
            })
        }

        /// The value at `path`; `None` when it is absent or `null`.
        fn get<'v>(json: At<'v>, path: &Path) -> Option<At<'v>> {
            path.keys
                .iter()
                .try_fold(json, |at, key| at.get(key))
                .filter(|at| !at.value().and_then(Val::json).is_some_and(Value::is_null))
        }

        fn text<'v>(json: At<'v>, path: Option<&Path>) -> Result<Option<&'v str>, UnexpectedReason> {
            match path.map(|path| (path, get(json, path).map(At::value))) {
                Some((path, Some(value))) => {
                    value.and_then(Val::as_str).map(Some).ok_or(UnexpectedReason::WrongType(path.name))
                }
                _ => Ok(None),
            }
        }

        fn details<'v>(json: At<'v>, path: Option<&Path>) -> Result<List<'v>, UnexpectedReason> {
            match path.map(|path| (path, get(json, path).map(At::elements))) {
                Some((_, Some(Some(list)))) if list.iter().all(|d| detail(d).is_some()) => Ok(list),
                Some((path, Some(_))) => Err(UnexpectedReason::WrongType(path.name)),
                _ => Ok(List::Values(&[])),
            }
        }

        /// A detail's field and message (`classify` keeps only these two keys of one).
        fn detail(detail: At<'_>) -> Option<(&str, &str)> {
            Some((detail.text("field")?, detail.text("message")?))
        }

        /// The details of an outcome, copied out of the body.
        fn owned_details(details: List<'_>) -> Vec<Detail> {
            // Most outcomes have none: no iterator set up for them.
            if details.is_empty() {
                return Vec::new();
            }
            details
                .iter()
                .filter_map(detail)
                .map(|(field, message)| Detail { field: String::from(field), message: String::from(message) })
                .collect()
        }
    }
}

/// The per-element outcomes of `items` (rule 6).
fn expand_items() -> TokenStream {
    quote! {
        fn items<C: Code>(
            table: &Table<C>,
            json: At<'_>,
            path: &Path,
            status: u16,
        ) -> Result<Option<Vec<Classified<C>>>, UnexpectedReason> {
            match get(json, path).map(At::elements) {
                Some(Some(list)) => Ok(Some(list.iter().map(|item| item_outcome(table, item, status)).collect())),
                Some(None) => Err(UnexpectedReason::WrongType(path.name)),
                None => Ok(None),
            }
        }

        fn item_outcome<C: Code>(table: &Table<C>, item: At<'_>, status: u16) -> Classified<C> {
            let reason = match read(table, Some(item), status, false) {
                Ok(mut found) => match found.code.take() {
                    Some(code) => return outcome(status, code, found),
                    None => UnexpectedReason::MissingCode,
                },
                Err(reason) => reason,
            };
            Classified::Unexpected(Unexpected {
                status,
                reason,
                excerpt: match item {
                    At::Node(Node::Whole(value)) | At::Value(value) => value_excerpt(value),
                    // Cut down: `classify` parses the body again whole for this.
                    At::Node(node) => value_excerpt(&node.to_value()),
                },
            })
        }
    }
}

/// Building the outcome from a code.
fn expand_outcome() -> TokenStream {
    quote! {
        fn outcome<C: Code>(status: u16, code: C, rest: Found<'_, C>) -> Classified<C> {
            let (outcome, kind, retry) = code.meta();
            let items = rest.items.unwrap_or_default();
            let message = rest.message.map(String::from);
            let request_id = rest.request_id.map(String::from);
            if outcome == Outcome::Failure {
                return Classified::Failure(Failure {
                    status,
                    code,
                    message,
                    kind,
                    retry,
                    request_id,
                    details: owned_details(rest.details),
                    items,
                });
            }
            let reply = Reply {
                status,
                code: Some(code),
                message,
                kind,
                retry,
                request_id,
                items,
            };
            match outcome {
                Outcome::Pending => Classified::Pending(reply),
                Outcome::Redirect => Classified::Redirect(reply),
                _ => Classified::Success(reply),
            }
        }

        /// A 2xx whose body carries no code.
        fn no_code<C>(status: u16, rest: Found<'_, C>) -> Classified<C> {
            Classified::Success(Reply {
                status,
                code: None,
                message: rest.message.map(String::from),
                kind: CanonicalKind::Ok,
                retry: RetryAdvice::Never,
                request_id: rest.request_id.map(String::from),
                items: rest.items.unwrap_or_default(),
            })
        }

        fn unexpected<C>(status: u16, body: &[u8], reason: UnexpectedReason) -> Classified<C> {
            Classified::Unexpected(Unexpected {
                status,
                reason,
                excerpt: excerpt(body),
            })
        }
    }
}

/// Bounded excerpts of a body and of a JSON value.
fn expand_excerpt() -> TokenStream {
    let bytes = proc_macro2::Literal::usize_unsuffixed(EXCERPT_BYTES);
    quote! {
        const EXCERPT_BYTES: usize = #bytes;

        /// The first `EXCERPT_BYTES` bytes of the body, backed up to the start of a
        /// character cut in two, as lossy UTF-8.
        fn excerpt(body: &[u8]) -> String {
            let mut end = body.len().min(EXCERPT_BYTES);
            for _ in 0..3 {
                if body.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
                    end = end.saturating_sub(1);
                }
            }
            String::from_utf8_lossy(body.get(..end).unwrap_or_default()).into_owned()
        }

        /// Collects at most `EXCERPT_BYTES` bytes of text, then refuses more, which
        /// stops the serializer: a large value is never written out in full.
        struct Bounded(String);

        impl ::core::fmt::Write for Bounded {
            fn write_str(&mut self, text: &str) -> ::core::fmt::Result {
                for c in text.chars() {
                    if self.0.len() + c.len_utf8() > EXCERPT_BYTES {
                        return Err(::core::fmt::Error);
                    }
                    self.0.push(c);
                }
                Ok(())
            }
        }

        /// The start of a value's compact JSON.
        fn value_excerpt(value: &Value) -> String {
            let mut out = Bounded(String::new());
            // An error only means the excerpt is full.
            let _ = ::core::fmt::write(&mut out, ::core::format_args!("{}", value));
            out.0
        }
    }
}
