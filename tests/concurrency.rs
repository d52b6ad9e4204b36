//! Searches during an indexing run see the last committed state, never a
//! partial one.
//!
//! The run indexes the 59 Göteborg protocols with a commit after every file.
//! After each commit the indexer records the count of a query; meanwhile
//! other threads search in a loop, through the indexer's own handle and
//! through a second handle opened on the same folder (as another process
//! would), and every count they see must be one of the recorded ones.

use crate::common;

use paragraf::index::{SyncEvent, SyncOptions};
use paragraf::{Index, SearchRequest};
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

const QUERIES: &[&str] = &["beslut", "kommunfullmäktige budget", "\"enligt förslag\""];

fn counts(index: &Index) -> Vec<usize> {
    QUERIES
        .iter()
        .map(|q| {
            let mut r = SearchRequest::new(*q);
            r.limit = 1;
            index.search(&r).unwrap().total
        })
        .collect()
}

#[test]
fn searches_during_indexing_see_only_committed_states() {
    let archive = common::shared().join("corpus/real/goteborg");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let writer = Index::create(&dir).unwrap();
    let reader = Index::open(&dir).unwrap();

    // Counts after each commit, as the indexer saw them; the empty index first.
    let committed: Mutex<Vec<Vec<usize>>> = Mutex::new(vec![counts(&writer)]);
    let seen: Mutex<BTreeSet<Vec<usize>>> = Mutex::new(BTreeSet::new());
    let done = AtomicBool::new(false);
    let mut searches = 0usize;

    std::thread::scope(|s| {
        let searchers: Vec<_> = [&writer, &reader]
            .into_iter()
            .map(|handle| {
                let (seen, done) = (&seen, &done);
                s.spawn(move || {
                    let mut n = 0;
                    while !done.load(Ordering::Acquire) {
                        let c = counts(handle);
                        seen.lock().unwrap().insert(c);
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        let options = SyncOptions {
            commit_every: 1,
            ..SyncOptions::default()
        };
        let report = writer
            .sync_with(std::slice::from_ref(&archive), &options, &mut |e| {
                if *e == SyncEvent::Committed {
                    committed.lock().unwrap().push(counts(&writer));
                }
            })
            .unwrap();
        // Let the searchers see the final state too.
        std::thread::sleep(std::time::Duration::from_millis(700));
        done.store(true, Ordering::Release);
        for h in searchers {
            searches += h.join().unwrap();
        }
        assert_eq!(report.parsed, 59);
    });

    let committed = committed.into_inner().unwrap();
    let seen = seen.into_inner().unwrap();
    // One commit per file, plus the final one.
    assert!(committed.len() >= 59, "{} commits", committed.len());
    assert!(
        searches > 20,
        "only {searches} searches ran during the indexing"
    );
    // Several different states were seen, so the test did watch the run.
    assert!(seen.len() >= 3, "searches saw only {seen:?}");
    // Each search takes the searcher of the moment, so each query's count is
    // checked on its own: it must be that query's count after some commit.
    for (q, query) in QUERIES.iter().enumerate() {
        let states: BTreeSet<usize> = committed.iter().map(|c| c[q]).collect();
        for c in &seen {
            assert!(
                states.contains(&c[q]),
                "a search for {query} counted {}, which no commit had; after each commit: {states:?}",
                c[q]
            );
        }
    }
    // The last state seen is the final one.
    assert_eq!(seen.iter().max(), committed.last());
}
