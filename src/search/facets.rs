//! Facet counts of the whole index: how many § each organisation, organ and
//! year has, for the filter lists of a search form before anything is
//! searched.

use super::Facets;
use crate::error::Result;
use crate::index::Index;
use tantivy::collector::FacetCollector;

impl Index {
    /// Every § of the last committed state counted by organisation, organ
    /// and year (as [`super::SearchRequest::facets`] counts a search's hits).
    pub fn facets(&self) -> Result<Facets> {
        self.guarded(|| {
            let searcher = self.searcher()?;
            let mut fc = FacetCollector::for_field("facets");
            for root in ["/organisation", "/organ", "/year"] {
                fc.add_facet(root);
            }
            let paragraphs = self.kind_query(crate::index::KIND_PARAGRAPH);
            let counts = searcher.search(&*paragraphs, &fc)?;
            let mut out = Facets::default();
            for (root, map) in [
                ("/organisation", &mut out.organisation),
                ("/organ", &mut out.organ),
                ("/year", &mut out.year),
            ] {
                for (facet, n) in counts.get(root) {
                    if let Some(name) = facet.to_path().last() {
                        map.insert(name.to_string(), n);
                    }
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::index::Index;
    use crate::search::SearchRequest;

    #[test]
    fn counts_every_paragraph_as_a_search_counts_its_hits() {
        let tmp = tempfile::tempdir().unwrap();
        let index = Index::create(&tmp.path().join("index")).unwrap();
        index
            .sync(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"))
            .unwrap();
        let all = index.facets().unwrap();
        let paragraphs = index.stats().unwrap().paragraphs;
        assert_eq!(all.year.values().sum::<u64>(), paragraphs, "{all:?}");
        assert!(all.organ.len() > 1 && all.organisation.len() > 1, "{all:?}");
        let mut req = SearchRequest::new("budget");
        req.facets = true;
        let searched = index.search(&req).unwrap().facets.unwrap();
        assert!(!searched.organ.is_empty());
        for (organ, n) in &searched.organ {
            assert!(
                *n <= all.organ[organ],
                "{organ}: {n} > {}",
                all.organ[organ]
            );
        }
    }
}
