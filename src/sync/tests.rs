use std::collections::{BTreeMap, HashMap};

use super::push::*;
use crate::connector::PortalError;
use crate::tracking::Schedule;

fn entry(key: &str, lane: Option<&str>, at: i64) -> Entry {
    Entry {
        key: key.into(),
        lane: lane.map(str::to_owned),
        queued_at: at,
        refused: false,
    }
}

fn keys(round: &mut Round, answer: impl Fn(&str) -> Result<(), PortalError>) -> Vec<Step> {
    let mut schedule = Schedule::new(5);
    let mut steps = Vec::new();
    while let Some(e) = round.next_to_send() {
        let result = answer(&e.key);
        if let Some(step) = round.answer(result.as_ref().map(|_| ()), 100, 0.5, &mut schedule) {
            steps.push(step);
        }
    }
    steps
}

#[test]
fn entries_go_oldest_first_and_each_is_offered_once() {
    let mut round = Round::new(vec![
        entry("c", Some("42"), 30),
        entry("a", None, 10),
        entry("b", Some("42"), 20),
        entry("b0", None, 20),
    ]);
    let steps = keys(&mut round, |_| Ok(()));
    assert_eq!(
        steps,
        ["a", "b", "b0", "c"]
            .map(|k| Step::Remove(k.into()))
            .to_vec()
    );
    assert!(!round.stopped());
    assert_eq!(round.next_to_send(), None);
}

#[test]
fn nothing_is_offered_while_an_answer_is_awaited() {
    let mut round = Round::new(vec![entry("a", None, 1), entry("b", None, 2)]);
    assert_eq!(round.next_to_send().map(|e| e.key), Some("a".into()));
    assert_eq!(round.next_to_send(), None);
    let mut schedule = Schedule::new(5);
    assert_eq!(
        round.answer(Ok(()), 0, 0.0, &mut schedule),
        Some(Step::Remove("a".into()))
    );
    // An answer with nothing in flight changes nothing.
    assert_eq!(round.answer(Ok(()), 0, 0.0, &mut schedule), None);
    assert_eq!(round.next_to_send().map(|e| e.key), Some("b".into()));
}

#[test]
fn a_refusal_needs_the_user_and_holds_back_only_its_own_ticket() {
    let mut round = Round::new(vec![
        entry("t1-a", Some("t1"), 1),
        entry("t2-a", Some("t2"), 2),
        entry("t1-b", Some("t1"), 3),
        entry("new", None, 4),
    ]);
    let steps = keys(&mut round, |k| match k {
        "t1-a" => Err(PortalError::Rejected("Subject is required".into())),
        _ => Ok(()),
    });
    assert_eq!(
        steps,
        vec![
            Step::NeedsAttention {
                key: "t1-a".into(),
                reason: PortalError::Rejected("Subject is required".into()).to_string()
            },
            Step::Remove("t2-a".into()),
            // t1-b waits behind the refused t1-a; the new request does not.
            Step::Remove("new".into()),
        ]
    );
    // Next round, the refused entry still holds its ticket back until the user resends it.
    let mut later = Round::new(vec![
        Entry {
            refused: true,
            ..entry("t1-a", Some("t1"), 1)
        },
        entry("t1-b", Some("t1"), 3),
        entry("other", Some("t3"), 5),
    ]);
    assert_eq!(
        keys(&mut later, |_| Ok(())),
        vec![Step::Remove("other".into())]
    );
}

#[test]
fn an_unreachable_backend_ends_the_round_with_growing_jittered_waits() {
    let mut schedule = Schedule::new(5);
    let mut waits = Vec::new();
    for _ in 0..12 {
        let mut round = Round::new(vec![entry("a", None, 1), entry("b", None, 2)]);
        round.next_to_send();
        let step = round.answer(Err(&PortalError::Offline), 1_000, 0.0, &mut schedule);
        let Some(Step::Stop(Stop::RetryAt(at))) = step else {
            panic!("{step:?}");
        };
        assert!(round.stopped());
        assert_eq!(round.next_to_send(), None, "the round is over");
        waits.push(at - 1_000);
    }
    assert!(waits.windows(2).all(|w| w[0] <= w[1]), "{waits:?}");
    assert!(waits[0] >= 1 && waits[0] <= 10, "{waits:?}");
    assert_eq!(
        *waits.last().unwrap_or(&0),
        crate::tracking::schedule::MAX_BACKOFF / 2
    );
    // Jitter spreads devices over the upper half of the window.
    let mut a = Schedule::new(5);
    let mut b = Schedule::new(5);
    let e = PortalError::Server { status: 503 };
    assert!(a.failed(0, &e, 0.0) < b.failed(0, &e, 0.99));
    // An acknowledged write resets the backoff.
    let mut round = Round::new(vec![entry("a", None, 1)]);
    round.next_to_send();
    round.answer(Ok(()), 2_000, 0.0, &mut schedule);
    assert_eq!(schedule.failures(), 0);
}

#[test]
fn retry_after_is_honoured_and_a_lost_session_waits_for_sign_in() {
    let mut schedule = Schedule::new(5);
    let mut round = Round::new(vec![entry("a", None, 1)]);
    round.next_to_send();
    let busy = PortalError::RateLimited {
        retry_after: Some(120),
    };
    assert_eq!(
        round.answer(Err(&busy), 1_000, 0.0, &mut schedule),
        Some(Step::Stop(Stop::RetryAt(1_120)))
    );
    let mut round = Round::new(vec![entry("a", None, 1)]);
    round.next_to_send();
    assert_eq!(
        round.answer(Err(&PortalError::NotSignedIn), 1_000, 0.0, &mut schedule),
        Some(Step::Stop(Stop::SignIn))
    );
}

// ---------------------------------------------------------------------------------------------
// A seeded chaos run: users write while the network fails in every way the browser shell can
// meet, tabs are killed mid-round, and the backend refuses some writes. The outbox is the only
// durable state; the backend dedupes by idempotency key, as the connectors do by looking the
// key up before writing again. At the end every write is on the backend exactly once, each
// ticket's changes in the order they were made, and the outbox is empty.

/// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Net {
    Up,
    Offline,
    Busy,
    RateLimited,
    /// The write reaches the backend, which stores it; the answer never comes back.
    LostAck,
}

#[derive(Default, Debug)]
struct Counts {
    actions: usize,
    sent: usize,
    lost_acks: usize,
    failures: usize,
    crashes: usize,
    refusals: usize,
    resends: usize,
}

struct Sim {
    rng: Rng,
    now: i64,
    net: Net,
    /// The durable outbox, by key.
    outbox: BTreeMap<String, Entry>,
    /// What the user did, in order.
    actions: Vec<Entry>,
    /// Writes the backend stored, in the order it stored them.
    stored: Vec<String>,
    /// Keys the backend refuses until the user fixes them.
    poisoned: Vec<String>,
    schedule: Schedule,
    wake_at: i64,
    /// A driver bug to prove the run can fail: delete before the answer, as Workbox does.
    remove_before_ack: bool,
    /// Whether the backend finds an earlier write by its key (every connector must).
    checks_keys: bool,
    counts: Counts,
}

impl Sim {
    fn new(seed: u64) -> Sim {
        Sim {
            rng: Rng(seed),
            now: 1_000_000,
            net: Net::Up,
            outbox: BTreeMap::new(),
            actions: Vec::new(),
            stored: Vec::new(),
            poisoned: Vec::new(),
            schedule: Schedule::new(5),
            wake_at: 0,
            remove_before_ack: false,
            checks_keys: true,
            counts: Counts::default(),
        }
    }

    fn act(&mut self) {
        let n = self.actions.len();
        let lane = match self.rng.below(4) {
            0 => None,
            t => Some(format!("ticket-{t}")),
        };
        let e = entry(
            &format!("{:012}-{n:04}", self.now),
            lane.as_deref(),
            self.now,
        );
        if self.rng.below(12) == 0 {
            self.poisoned.push(e.key.clone());
        }
        self.outbox.insert(e.key.clone(), e.clone());
        self.actions.push(e);
        self.counts.actions += 1;
    }

    /// The backend's side of one write.
    fn backend(&mut self, key: &str) -> Result<(), PortalError> {
        match self.net {
            Net::Offline => return Err(PortalError::Offline),
            Net::Busy => return Err(PortalError::Server { status: 503 }),
            Net::RateLimited => {
                return Err(PortalError::RateLimited {
                    retry_after: Some(30),
                })
            }
            Net::Up | Net::LostAck => {}
        }
        if self.poisoned.iter().any(|k| k == key) {
            return Err(PortalError::Rejected(
                "the category no longer exists".into(),
            ));
        }
        // The connector finds a write it made before by its key instead of writing again.
        if !self.checks_keys || !self.stored.iter().any(|k| k == key) {
            self.stored.push(key.to_owned());
        }
        if self.net == Net::LostAck {
            self.counts.lost_acks += 1;
            return Err(PortalError::Offline);
        }
        Ok(())
    }

    /// One round, as the shell runs it; `crash_after` kills the tab after that many sends.
    fn round(&mut self, crash_after: Option<usize>) {
        if self.now < self.wake_at {
            return;
        }
        let mut round = Round::new(self.outbox.values().cloned().collect());
        let mut sends = 0;
        while let Some(e) = round.next_to_send() {
            if crash_after == Some(sends) {
                self.counts.crashes += 1;
                return;
            }
            sends += 1;
            self.counts.sent += 1;
            if self.remove_before_ack {
                self.outbox.remove(&e.key);
            }
            let result = self.backend(&e.key);
            let jitter = self.rng.unit();
            let step = round.answer(
                result.as_ref().map(|_| ()),
                self.now,
                jitter,
                &mut self.schedule,
            );
            match step {
                Some(Step::Remove(key)) => {
                    self.outbox.remove(&key);
                }
                Some(Step::NeedsAttention { key, .. }) => {
                    self.counts.refusals += 1;
                    if let Some(e) = self.outbox.get_mut(&key) {
                        e.refused = true;
                    }
                }
                Some(Step::Stop(Stop::RetryAt(at))) => {
                    self.counts.failures += 1;
                    self.wake_at = at;
                }
                Some(Step::Stop(Stop::SignIn)) | None => {}
            }
        }
    }

    /// The user fixes a refused write and sends it again.
    fn fix_one(&mut self) {
        let Some(key) = self
            .outbox
            .values()
            .find(|e| e.refused)
            .map(|e| e.key.clone())
        else {
            return;
        };
        self.poisoned.retain(|k| *k != key);
        if let Some(e) = self.outbox.get_mut(&key) {
            e.refused = false;
        }
        // Resending is the user's "try now": it does not wait for the backoff.
        self.wake_at = self.now;
        self.counts.resends += 1;
    }

    fn step(&mut self) {
        match self.rng.below(10) {
            0..=2 => self.act(),
            3 => {
                self.net = match self.rng.below(6) {
                    0 | 1 => Net::Up,
                    2 => Net::Offline,
                    3 => Net::Busy,
                    4 => Net::RateLimited,
                    _ => Net::LostAck,
                }
            }
            4 | 5 => {
                let crash = self.rng.below(3) as usize;
                self.round(Some(crash));
            }
            6 => self.fix_one(),
            _ => {
                self.now += self.rng.below(90) as i64;
                self.round(None);
            }
        }
    }

    /// Network back for good, the user fixes everything; rounds run until the outbox is empty.
    fn settle(&mut self) {
        self.net = Net::Up;
        for _ in 0..10_000 {
            if self.outbox.is_empty() {
                return;
            }
            self.fix_one();
            self.now = self.now.max(self.wake_at);
            self.round(None);
        }
    }

    /// Every action stored exactly once, each lane in order, nothing stored that nobody did.
    fn check(&self) -> Result<(), String> {
        if !self.outbox.is_empty() {
            return Err(format!("{} left in the outbox", self.outbox.len()));
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for k in &self.stored {
            *seen.entry(k).or_default() += 1;
        }
        for a in &self.actions {
            match seen.get(a.key.as_str()) {
                None => return Err(format!("{} was lost", a.key)),
                Some(1) => {}
                Some(n) => return Err(format!("{} was stored {n} times", a.key)),
            }
        }
        if seen.len() != self.actions.len() {
            return Err("the backend holds writes nobody made".into());
        }
        let position: HashMap<&str, usize> = self
            .stored
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        for w in self.actions.windows(2) {
            if let [a, b] = w {
                let same_lane = a.lane.is_some() && a.lane == b.lane;
                if same_lane && position[a.key.as_str()] > position[b.key.as_str()] {
                    return Err(format!("{} overtook {} on {:?}", b.key, a.key, a.lane));
                }
            }
        }
        Ok(())
    }
}

/// The seeds the chaos run uses; each runs this many steps.
const SEEDS: [u64; 8] = [1, 2, 3, 7, 42, 1_000, 65_537, 20_261_122];
const STEPS: usize = 400;

#[test]
fn a_chaos_run_delivers_every_write_exactly_once_in_order() {
    let mut totals = Counts::default();
    for seed in SEEDS {
        let mut sim = Sim::new(seed);
        for _ in 0..STEPS {
            sim.step();
        }
        sim.settle();
        if let Err(problem) = sim.check() {
            panic!("seed {seed}: {problem}");
        }
        totals.actions += sim.counts.actions;
        totals.lost_acks += sim.counts.lost_acks;
        totals.crashes += sim.counts.crashes;
        totals.refusals += sim.counts.refusals;
        totals.failures += sim.counts.failures;
        totals.resends += sim.counts.resends;
    }
    // The run really met every fault, or it proves nothing.
    assert!(totals.actions > 500, "{totals:?}");
    assert!(totals.lost_acks > 20, "{totals:?}");
    assert!(totals.crashes > 20, "{totals:?}");
    assert!(totals.refusals > 10, "{totals:?}");
    assert!(totals.failures > 50, "{totals:?}");
}

#[test]
fn the_chaos_run_catches_a_driver_that_deletes_before_the_answer() {
    let caught = SEEDS.iter().any(|&seed| {
        let mut sim = Sim::new(seed);
        sim.remove_before_ack = true;
        for _ in 0..STEPS {
            sim.step();
        }
        sim.settle();
        sim.check().is_err_and(|p| p.contains("lost"))
    });
    assert!(caught);
}

#[test]
fn the_chaos_run_catches_a_backend_that_does_not_check_keys() {
    // Without the key lookup, a lost answer becomes a second ticket.
    let caught = SEEDS.iter().any(|&seed| {
        let mut sim = Sim::new(seed);
        sim.checks_keys = false;
        for _ in 0..STEPS {
            sim.step();
        }
        sim.settle();
        sim.check().is_err_and(|p| p.contains("times"))
    });
    assert!(caught);
}
