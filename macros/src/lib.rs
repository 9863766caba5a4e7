//! `#[derive(ProviderErrors)]` (not yet implemented; see the derive issue).
