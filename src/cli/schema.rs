//! `paragraf schema --opensearch`: the index layout for other engines.

use anyhow::Result;
use clap::Args;
use paragraf::schema::IndexSchema;
use std::io::Write;

/// Arguments of `paragraf schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print an OpenSearch/Elasticsearch index body (settings with a Swedish
    /// analyzer, and mappings of the index-schema/ fields), for
    /// `curl -XPUT http://HOST:9200/paragraf -d @mapping.json`.
    #[arg(long, required = true)]
    opensearch: bool,
}

/// Runs `paragraf schema`.
pub fn run(args: SchemaArgs) -> Result<u8> {
    debug_assert!(args.opensearch);
    let schema = IndexSchema::load()?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema.opensearch_mapping())?;
    writeln!(out)?;
    out.flush()?;
    Ok(super::exit::FOUND)
}
