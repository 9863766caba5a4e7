//! Readers for providers' documentation pages in their published forms.
