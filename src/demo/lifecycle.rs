//! How demo tickets move on their own: each ticket carries a plan of future steps, applied when
//! the clock passes them. Deterministic: the same requests at the same times give the same desk.

use serde::{Deserialize, Serialize};

use super::wire::{WireEvent, WireTicket, WireUser};

/// Seconds from submission until an agent picks a request up, replies, and so on.
pub const PICK_UP_AFTER: i64 = 45;
pub const INTERNAL_NOTE_AFTER: i64 = 75;
pub const QUESTION_AFTER: i64 = 150;
pub const RESOLVE_AFTER: i64 = 240;
pub const RESOLVE_AFTER_REPLY: i64 = 120;
/// A resolved ticket closes by itself after three days without a reply.
pub const AUTO_CLOSE_AFTER: i64 = 3 * 86_400;
/// A closed ticket can be reopened for fourteen days.
pub const REOPEN_WINDOW: i64 = 14 * 86_400;

/// Something the desk will do to a ticket at a given time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    PickUp,
    InternalNote,
    AskCustomer,
    Resolve,
    AutoClose,
}

/// A step and when it happens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Planned {
    pub at: i64,
    pub step: Step,
}

/// A ticket with what the service keeps beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoTicket {
    pub wire: WireTicket,
    pub plan: Vec<Planned>,
    pub closed_at: Option<i64>,
    pub rated: bool,
}

/// The label the desk uses for each state.
pub fn state_label(state: &str) -> &'static str {
    match state {
        "logged" => "Logged",
        "assigned" => "Assigned",
        "awaiting_customer" => "Awaiting your reply",
        "parked" => "Parked with supplier",
        "fixed" => "Fixed",
        "closed" => "Closed",
        "withdrawn" => "Withdrawn",
        _ => "Unknown",
    }
}

/// What the customer may do in each state.
pub fn allowed(t: &DemoTicket, now: i64) -> Vec<String> {
    let mut can: Vec<&str> = match t.wire.state.as_str() {
        "logged" | "assigned" | "awaiting_customer" | "parked" => {
            vec!["reply", "attach", "withdraw"]
        }
        "fixed" => vec!["reply", "attach", "confirm", "close", "reopen"],
        "closed" if t.closed_at.is_some_and(|c| now - c < REOPEN_WINDOW) => vec!["reopen"],
        _ => vec![],
    };
    if matches!(t.wire.state.as_str(), "fixed" | "closed") && !t.rated {
        can.push("rate");
    }
    can.into_iter().map(str::to_owned).collect()
}

/// The plan of a request submitted at `at`: every third one gets a question back.
pub fn plan_for_new(number: u32, at: i64) -> Vec<Planned> {
    let mut plan = vec![
        Planned {
            at: at + PICK_UP_AFTER,
            step: Step::PickUp,
        },
        Planned {
            at: at + INTERNAL_NOTE_AFTER,
            step: Step::InternalNote,
        },
    ];
    if number.is_multiple_of(3) {
        plan.push(Planned {
            at: at + QUESTION_AFTER,
            step: Step::AskCustomer,
        });
    } else {
        plan.push(Planned {
            at: at + RESOLVE_AFTER,
            step: Step::Resolve,
        });
    }
    plan
}

/// Builds the events of the desk; `next_id` numbers them.
pub struct Desk<'a> {
    pub next_id: &'a mut u64,
    pub agents: &'a [String],
}

impl Desk<'_> {
    fn event(&mut self, at: i64, what: &str) -> WireEvent {
        *self.next_id += 1;
        WireEvent {
            id: format!("e{}", self.next_id),
            at,
            what: what.to_owned(),
            by: None,
            agent: false,
            internal: false,
            text: None,
            from: None,
            to: None,
            filename: None,
            mime: None,
            bytes: None,
            href: None,
            score: None,
        }
    }

    fn agent_for(&self, t: &WireTicket) -> WireUser {
        let name = t.owner.clone().unwrap_or_else(|| {
            let index = t.number.bytes().map(usize::from).sum::<usize>() % self.agents.len().max(1);
            self.agents
                .get(index)
                .cloned()
                .unwrap_or_else(|| "Service desk".to_owned())
        });
        WireUser {
            uid: format!("agent:{}", name.to_lowercase().replace(' ', ".")),
            display: name,
        }
    }

    /// Moves the ticket to `state`, recording the change.
    pub fn set_state(&mut self, t: &mut DemoTicket, state: &str, at: i64) {
        if t.wire.state == state {
            return;
        }
        let mut e = self.event(at, "state");
        e.from = Some(t.wire.state.clone());
        e.to = Some(state.to_owned());
        t.wire.events.push(e);
        t.wire.state = state.to_owned();
        t.wire.state_label = state_label(state).to_owned();
        t.closed_at = (state == "closed").then_some(at);
        t.wire.touched = at;
    }

    /// Adds a note from the agent (or, with `internal`, one the customer must never see).
    pub fn agent_note(&mut self, t: &mut DemoTicket, text: &str, internal: bool, at: i64) {
        let mut e = self.event(at, "note");
        e.by = Some(self.agent_for(&t.wire));
        e.agent = true;
        e.internal = internal;
        e.text = Some(text.to_owned());
        t.wire.events.push(e);
        if !internal {
            t.wire.touched = at;
        }
    }

    /// A note, file or rating from the customer; returns the event.
    pub fn customer_event(
        &mut self,
        t: &mut DemoTicket,
        what: &str,
        at: i64,
        fill: impl FnOnce(&mut WireEvent),
    ) -> WireEvent {
        let mut e = self.event(at, what);
        e.by = Some(t.wire.customer.clone());
        fill(&mut e);
        t.wire.events.push(e.clone());
        t.wire.touched = at;
        e
    }

    /// Applies every planned step due by `now`, in time order; whether any was due.
    pub fn advance(&mut self, t: &mut DemoTicket, now: i64) -> bool {
        t.plan.sort_by_key(|p| p.at);
        let mut applied = false;
        while t.plan.first().is_some_and(|p| p.at <= now) {
            let Planned { at, step } = t.plan.remove(0);
            self.apply(t, step, at);
            applied = true;
        }
        applied
    }

    fn apply(&mut self, t: &mut DemoTicket, step: Step, at: i64) {
        let subject = t.wire.subject.clone();
        match step {
            Step::PickUp if t.wire.state == "logged" => {
                t.wire.owner = Some(self.agent_for(&t.wire).display);
                self.set_state(t, "assigned", at);
                self.agent_note(
                    t,
                    &format!("Thanks for your request \u{201c}{subject}\u{201d}. I'm on it."),
                    false,
                    at,
                );
            }
            Step::InternalNote => {
                self.agent_note(
                    t,
                    "Internal: checked entitlement and stock in the back office.",
                    true,
                    at,
                );
            }
            Step::AskCustomer if t.wire.state == "assigned" => {
                self.set_state(t, "awaiting_customer", at);
                self.agent_note(
                    t,
                    "Quick question before I go ahead: which building and floor should we deliver to?",
                    false,
                    at,
                );
            }
            Step::Resolve if matches!(t.wire.state.as_str(), "assigned" | "logged") => {
                self.set_state(t, "fixed", at);
                self.agent_note(
                    t,
                    "All done. Please confirm it works for you, or reply if anything is missing.",
                    false,
                    at,
                );
                t.plan.push(Planned {
                    at: at + AUTO_CLOSE_AFTER,
                    step: Step::AutoClose,
                });
            }
            Step::AutoClose if t.wire.state == "fixed" => self.set_state(t, "closed", at),
            // A step whose moment has passed (the customer withdrew, the ticket was reopened).
            _ => {}
        }
    }
}
