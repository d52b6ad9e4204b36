//! Index the bundled sample-data into a temporary folder and search it.
//!
//! ```sh
//! cargo run --example search_sample -- "Krav- och kvalitetsbok"
//! ```

use paragraf::index::Index;
use paragraf::search::SearchRequest;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let query = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Krav- och kvalitetsbok".into());
    let archive = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let dir = std::env::temp_dir().join(format!("paragraf-example-{}", std::process::id()));

    let index = Index::create(&dir)?;
    let report = index.sync(&archive)?;
    println!(
        "indexed {} files, {} § in {:.2} s",
        report.files,
        report.total_paragraphs,
        report.elapsed.as_secs_f64()
    );

    let mut request = SearchRequest::new(query);
    request.limit = 5;
    let results = index.search(&request)?;
    println!("{} hits for {:?}", results.total, request.query);
    for hit in &results.hits {
        println!(
            "{:6.2}  {} {}  § {} {}",
            hit.score,
            hit.meeting.organ.as_deref().unwrap_or("-"),
            hit.meeting.date.as_deref().unwrap_or("-"),
            hit.paragraph.number,
            hit.paragraph.title
        );
    }
    drop(index);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
