//! The layout of the device's store: one IndexedDB database per (backend, user), so users of a
//! shared machine never read each other's data, holding one object store per kind of data.
//!
//! The schema is versioned. Each version lists the stores it adds or drops; opening at
//! [`VERSION`] replays every step after the version found, so a database from any earlier
//! version is brought up to date (tested from each). Before databases were per user, each
//! kind lived in a database shared by all users ([`LEGACY`]), with the user's id in every key:
//! [`legacy_owner`] says whose a key is, so each user's data moves into their own database
//! the first time they open it, and nobody else's does.

/// The schema version the portal opens its databases at.
pub const VERSION: u32 = 1;

/// The object stores, each with the version that added it.
pub const STORES: &[(Area, u32)] = &[
    (Area::Outbox, 1),
    (Area::Drafts, 1),
    (Area::Tickets, 1),
    (Area::Search, 1),
    (Area::Responses, 1),
    (Area::Sync, 1),
];

/// A kind of data, kept in its own object store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Requests and ticket changes waiting to be sent. Never trimmed.
    Outbox,
    /// Requests being written. Never trimmed.
    Drafts,
    /// The user's tickets and their timelines, as last read.
    Tickets,
    /// The knowledge base's search index.
    Search,
    /// The backend's answers to reads (catalog, forms, articles), for offline and instant pages.
    Responses,
    /// Marks about the store itself (whose legacy data was moved in). A collection's sync
    /// cursor lives beside its data instead, so trimming a cache drops both together.
    Sync,
}

impl Area {
    /// The object store's name.
    pub const fn name(self) -> &'static str {
        match self {
            Area::Outbox => "outbox",
            Area::Drafts => "drafts",
            Area::Tickets => "tickets",
            Area::Search => "search",
            Area::Responses => "responses",
            Area::Sync => "sync",
        }
    }

    /// Whether the portal may empty this store to make room: only what the backend can give
    /// again. What the user wrote (outbox, drafts) is never given up for space.
    pub const fn is_cache(self) -> bool {
        matches!(self, Area::Tickets | Area::Search | Area::Responses)
    }
}

/// The caches to empty, in order, when the device is out of room: the cheapest to refill first.
pub const TRIM_ORDER: [Area; 3] = [Area::Responses, Area::Search, Area::Tickets];

/// The database of one user of one backend. The connector id names both.
pub fn database_name(connector_id: &str) -> String {
    format!("portico:{connector_id}")
}

/// The stores to create when a database at `old` (0: new) is opened at `new`, in order.
pub fn stores_to_create(old: u32, new: u32) -> Vec<Area> {
    STORES
        .iter()
        .filter(|(_, added)| *added > old && *added <= new)
        .map(|(area, _)| *area)
        .collect()
}

/// The databases shared by every user before databases were per user (one object store, `kv`,
/// each), and where their contents go now.
pub const LEGACY: &[(&str, Area)] = &[
    ("portico-outbox", Area::Outbox),
    ("portico-drafts", Area::Drafts),
    ("portico-cache", Area::Tickets),
    ("portico-search", Area::Search),
];

/// The object store of every legacy database.
pub const LEGACY_STORE: &str = "kv";

/// The mark, in [`Area::Sync`], that this user's legacy data has been moved in.
pub const LEGACY_MOVED: &str = "legacy-moved";

/// The connector id a legacy key belongs to. Every legacy key is `kind:len:id…` (after an
/// optional `files:`, for a draft's files), the id's length first so that no user's keys start
/// with another's; a key in any other shape belongs to nobody and is left where it is.
pub fn legacy_owner(key: &str) -> Option<&str> {
    let key = key.strip_prefix("files:").unwrap_or(key);
    let (_kind, rest) = key.split_once(':')?;
    let (len, rest) = rest.split_once(':')?;
    let len: usize = len.parse().ok()?;
    let id = rest.get(..len)?;
    let after = &rest[len..];
    (after.is_empty() || after.starts_with(':')).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_every_store_and_a_current_one_none() {
        assert_eq!(stores_to_create(0, VERSION).len(), STORES.len());
        assert!(stores_to_create(VERSION, VERSION).is_empty());
    }

    #[test]
    fn each_earlier_version_gets_exactly_the_stores_added_since() {
        for old in 0..VERSION {
            let created = stores_to_create(old, VERSION);
            for (area, added) in STORES {
                assert_eq!(created.contains(area), *added > old, "{area:?} from {old}");
            }
        }
    }

    #[test]
    fn store_names_are_distinct_and_every_legacy_kind_has_a_home() {
        let names: Vec<_> = STORES.iter().map(|(a, _)| a.name()).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        for (_, area) in LEGACY {
            assert!(STORES.iter().any(|(a, _)| a == area));
        }
    }

    #[test]
    fn what_users_wrote_is_never_trimmed() {
        assert!(!Area::Outbox.is_cache() && !Area::Drafts.is_cache());
        assert!(TRIM_ORDER.iter().all(|a| a.is_cache()));
        let caches = STORES.iter().filter(|(a, _)| a.is_cache()).count();
        assert_eq!(caches, TRIM_ORDER.len());
    }

    #[test]
    fn legacy_keys_name_their_owner_exactly() {
        let alice = "rt:alice@/rt";
        let keys = [
            crate::outbox::prefix(alice) + "portico-1-2",
            crate::outbox::change_prefix(alice) + "7:1",
            crate::forms::draft::draft_key(alice, "laptop"),
            format!("files:{}", crate::forms::draft::draft_key(alice, "laptop")),
            format!("ticket:{}:{alice}:42", alice.len()),
            format!("index:{}:{alice}", alice.len()),
        ];
        for key in &keys {
            assert_eq!(legacy_owner(key), Some(alice), "{key}");
        }
        // A longer id that starts with Alice's is someone else.
        let sly = format!("ticket:{}:{alice}:x@/rt:1", alice.len() + 6);
        assert_eq!(legacy_owner(&sly), Some("rt:alice@/rt:x@/rt"));
        // Malformed keys belong to nobody.
        for key in [
            "",
            "ticket",
            "ticket:x:alice",
            "ticket:99:alice",
            "index:3:alicex",
        ] {
            assert_eq!(legacy_owner(key), None, "{key}");
        }
    }

    #[test]
    fn each_user_has_a_database_of_their_own() {
        assert_ne!(database_name("rt:alice@/rt"), database_name("rt:bob@/rt"));
        assert_ne!(database_name("rt:a@/x"), database_name("rt:a@/y"));
    }
}
