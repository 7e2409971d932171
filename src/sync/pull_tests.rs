use std::collections::BTreeMap;

use super::*;
use crate::sync::tests::Rng;

#[derive(Clone, Debug, PartialEq)]
struct Item {
    id: String,
    version: u32,
}

fn item(id: &str, version: u32) -> Item {
    Item {
        id: id.into(),
        version,
    }
}

fn id(i: &Item) -> &str {
    &i.id
}

fn page(items: Vec<Item>, next: Option<&str>, cursor: Option<&str>) -> Page<Item> {
    Page {
        items,
        next: next.map(|n| PageRequest {
            since: None,
            page: Some(n.into()),
        }),
        cursor: cursor.map(str::to_owned),
    }
}

const NOW: Timestamp = 1_800_000_000;

#[test]
fn a_first_run_reads_everything_page_by_page_and_finds_deletions() {
    let mut pull = Pull::start(Cursor::default(), NOW);
    assert!(pull.is_full());
    assert_eq!(pull.request().and_then(|r| r.since.clone()), None);
    pull.page(page(vec![item("a", 1)], Some("2"), None))
        .unwrap();
    assert_eq!(
        pull.request().and_then(|r| r.page.clone()).as_deref(),
        Some("2")
    );
    pull.page(page(vec![item("b", 1)], None, Some("w1")))
        .unwrap();
    assert_eq!(pull.request(), None);
    assert_eq!(pull.pages_read(), 2);
    let outcome = pull.finish(["a", "gone"], id, NOW).unwrap();
    assert_eq!(outcome.upserts, vec![item("a", 1), item("b", 1)]);
    assert_eq!(outcome.deletions, vec!["gone".to_owned()]);
    assert_eq!(
        outcome.cursor,
        Cursor {
            since: Some("w1".into()),
            swept_at: Some(NOW)
        }
    );
}

#[test]
fn a_run_within_the_sweep_interval_asks_only_for_changes_and_deletes_nothing() {
    let cursor = Cursor {
        since: Some("w1".into()),
        swept_at: Some(NOW - 60),
    };
    let mut pull = Pull::start(cursor, NOW);
    assert!(!pull.is_full());
    assert_eq!(pull.request().and_then(|r| r.since.as_deref()), Some("w1"));
    pull.page(page(vec![item("a", 2)], None, Some("w2")))
        .unwrap();
    let outcome = pull.finish(["a", "b"], id, NOW).unwrap();
    assert!(
        outcome.deletions.is_empty(),
        "an incremental listing cannot show deletions"
    );
    assert_eq!(outcome.cursor.since.as_deref(), Some("w2"));
    assert_eq!(outcome.cursor.swept_at, Some(NOW - 60));
}

#[test]
fn a_page_without_a_watermark_keeps_the_previous_one() {
    let cursor = Cursor {
        since: Some("w1".into()),
        swept_at: Some(NOW),
    };
    let mut pull: Pull<Item> = Pull::start(cursor, NOW);
    pull.page(page(vec![], None, None)).unwrap();
    let outcome = pull.finish([], id, NOW).unwrap();
    assert_eq!(outcome.cursor.since.as_deref(), Some("w1"));
}

#[test]
fn a_sweep_is_due_after_the_interval_or_when_the_clock_went_back() {
    let at = |swept: Timestamp| Cursor {
        since: Some("w".into()),
        swept_at: Some(swept),
    };
    assert!(!Pull::<Item>::start(at(NOW - SWEEP_EVERY + 1), NOW).is_full());
    assert!(Pull::<Item>::start(at(NOW - SWEEP_EVERY), NOW).is_full());
    assert!(Pull::<Item>::start(at(NOW + 3600), NOW).is_full());
    let never_swept = Cursor {
        since: Some("w".into()),
        swept_at: None,
    };
    assert!(Pull::<Item>::start(never_swept, NOW).is_full());
}

#[test]
fn a_backend_going_round_in_circles_ends_the_run_with_an_error() {
    let mut pull = Pull::start(Cursor::default(), NOW);
    pull.page(page(vec![item("a", 1)], Some("2"), None))
        .unwrap();
    pull.page(page(vec![item("b", 1)], Some("3"), None))
        .unwrap();
    assert!(pull.page(page(vec![], Some("2"), None)).is_err());

    let mut endless = Pull::<Item>::start(Cursor::default(), NOW);
    let mut result = Ok(());
    for n in 0..=MAX_PAGES {
        result = endless.page(page(vec![], Some(&n.to_string()), None));
        if result.is_err() {
            break;
        }
    }
    assert!(result.is_err());
    assert_eq!(endless.pages_read(), MAX_PAGES);
}

#[test]
fn a_run_cut_short_gives_no_outcome_and_no_new_cursor() {
    let mut pull = Pull::start(Cursor::default(), NOW);
    pull.page(page(vec![item("a", 1)], Some("2"), Some("w9")))
        .unwrap();
    assert!(pull.finish(["x"], id, NOW).is_err());
}

#[test]
fn an_item_changed_between_pages_is_written_once_in_its_last_version() {
    let mut pull = Pull::start(Cursor::default(), NOW);
    pull.page(page(vec![item("a", 1), item("b", 1)], Some("2"), None))
        .unwrap();
    pull.page(page(vec![item("a", 2)], None, None)).unwrap();
    let outcome = pull.finish([], id, NOW).unwrap();
    assert_eq!(outcome.upserts, vec![item("b", 1), item("a", 2)]);
}

#[test]
fn merging_replaces_in_place_adds_new_items_and_drops_deleted_ones() {
    let held = vec![item("a", 1), item("b", 1), item("c", 1)];
    let outcome = Outcome {
        upserts: vec![item("b", 2), item("d", 1)],
        deletions: vec!["c".into()],
        cursor: Cursor::default(),
        full: false,
    };
    assert_eq!(
        merge(held, outcome, id),
        vec![item("a", 1), item("b", 2), item("d", 1)]
    );
}

/// A backend that pages its listing (3 to a page), filters by "changed at or after", and
/// whose watermark is its clock when the first page is read.
struct Backend {
    items: BTreeMap<String, (u32, Timestamp)>,
}

impl Backend {
    fn list(&self, since: Option<Timestamp>, at: Timestamp) -> Vec<Page<Item>> {
        let matching: Vec<Item> = self
            .items
            .iter()
            .filter(|(_, (_, changed))| since.is_none_or(|s| *changed >= s))
            .map(|(k, (v, _))| item(k, *v))
            .collect();
        let chunks: Vec<Vec<Item>> = matching.chunks(3).map(<[Item]>::to_vec).collect();
        let count = chunks.len().max(1);
        (0..count)
            .map(|n| Page {
                items: chunks.get(n).cloned().unwrap_or_default(),
                next: (n + 1 < count).then(|| PageRequest {
                    since: None,
                    page: Some((n + 1).to_string()),
                }),
                cursor: (n + 1 == count).then(|| at.to_string()),
            })
            .collect()
    }
}

#[test]
fn over_many_seeded_runs_the_device_matches_the_backend_after_every_sweep() {
    for seed in 0..16u64 {
        let mut rng = Rng(seed);
        let mut backend = Backend {
            items: BTreeMap::new(),
        };
        let mut device: Vec<Item> = Vec::new();
        let mut cursor = Cursor::default();
        let mut now = NOW;
        for _ in 0..300 {
            now += rng.below(1800) as i64 + 1;
            // The backend changes: new items, edits, deletions.
            for _ in 0..rng.below(4) {
                let key = format!("t{}", rng.below(30));
                match rng.below(3) {
                    0 => {
                        backend.items.remove(&key);
                    }
                    _ => {
                        let v = backend.items.get(&key).map_or(1, |(v, _)| v + 1);
                        backend.items.insert(key, (v, now));
                    }
                }
            }
            // Sometimes the run fails midway: nothing is kept, not even the cursor.
            let mut pull = Pull::start(cursor.clone(), now);
            let since = pull.request().and_then(|r| r.since.clone());
            let pages = backend.list(since.and_then(|s| s.parse().ok()), now);
            let cut = rng.below(8) == 0;
            for (n, p) in pages.into_iter().enumerate() {
                if cut && n > 0 {
                    break;
                }
                pull.page(p).unwrap();
            }
            let full = pull.is_full();
            let held: Vec<String> = device.iter().map(|i| i.id.clone()).collect();
            let Ok(outcome) = pull.finish(held.iter().map(String::as_str), id, now) else {
                assert!(cut);
                continue;
            };
            cursor = outcome.cursor.clone();
            device = merge(device, outcome, id);
            // Every item the backend has is on the device in its current version.
            for (k, (v, _)) in &backend.items {
                assert!(
                    device.contains(&item(k, *v)),
                    "seed {seed}: {k} v{v} missing or stale"
                );
            }
            // After a full listing, nothing deleted lingers either.
            if full {
                assert_eq!(device.len(), backend.items.len(), "seed {seed}");
            }
            let mut ids: Vec<&str> = device.iter().map(|i| i.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), device.len(), "seed {seed}: duplicates");
        }
    }
}
