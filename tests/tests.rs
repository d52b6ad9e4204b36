//! The integration tests, one binary (as ripgrep and fd do): one link
//! instead of one per file keeps a fresh `cargo test` short. Each module
//! is one file beside this one.

mod bad_input;
mod case;
mod cli_conventions;
mod cli_ids;
mod cli_output;
mod cli_parse;
mod cli_search;
mod cli_stored;
mod common;
mod concurrency;
mod corpus;
mod export;
mod json;
mod layouts;
mod parser_version;
mod pdf;
mod position_search;
mod positions;
mod properties;
mod pruning;
mod repository;
mod search;
mod seeds;
mod serve;
mod snapshots;
mod sync;
mod understanding;
mod watch;
mod wild;
