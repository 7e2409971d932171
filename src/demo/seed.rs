//! Builds a fresh demo desk from its seed: `public/demo/seed.json` (catalog, tickets,
//! announcements, people) and one markdown file per article with a small front matter. Times
//! in the seed are relative ("opened 50 hours ago"), so the demo always looks current.

use serde::Deserialize;

use super::lifecycle::{plan_for_new, state_label, DemoTicket, Desk};
use super::service::DemoService;
use super::wire::*;
use crate::connector::Reference;

/// What is wrong with the seed, for the developer who edits it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {problem}")]
pub struct SeedError {
    pub place: String,
    pub problem: String,
}

fn seed_error(place: impl Into<String>, problem: impl Into<String>) -> SeedError {
    SeedError {
        place: place.into(),
        problem: problem.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Seed {
    user: WireUser,
    agents: Vec<String>,
    catalog: WireCatalog,
    tickets: Vec<SeedTicket>,
    notices: Vec<SeedNotice>,
    lookups: Vec<SeedLookup>,
    /// Article slugs, one file each.
    articles: Vec<String>,
    /// The catalog, forms and announcements in other languages (see `localize`).
    #[serde(default)]
    translations: super::localize::Translations,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedTicket {
    #[serde(rename = "type")]
    kind: String,
    subject: String,
    body: String,
    state: String,
    urgency: u8,
    offering: Option<String>,
    opened_hours_ago: f64,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    target_in_hours: Option<f64>,
    #[serde(default)]
    rated: bool,
    events: Vec<SeedEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedEvent {
    hours_ago: f64,
    /// `customer`, `agent`, `internal`, `state` or `file`.
    who: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    filename: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedNotice {
    id: String,
    message: String,
    level: String,
    from_hours_ago: f64,
    until_in_hours: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedLookup {
    source: String,
    entries: Vec<Reference>,
}

fn hours(now: i64, h: f64) -> i64 {
    now - (h * 3600.0).round() as i64
}

/// Reads an article file: `---`, `key: value` lines, `---`, then the markdown body.
pub fn parse_article(slug: &str, text: &str, now: i64) -> Result<WireArticle, SeedError> {
    let place = format!("articles/{slug}.md");
    let rest = text
        .strip_prefix("---\n")
        .ok_or_else(|| seed_error(&place, "must start with a --- front matter"))?;
    let (front, body) = rest
        .split_once("\n---\n")
        .ok_or_else(|| seed_error(&place, "front matter is not closed"))?;
    let mut article = WireArticle {
        slug: slug.to_owned(),
        lang: String::new(),
        title: String::new(),
        summary: String::new(),
        markdown: body.trim_start_matches('\n').to_owned(),
        topic: String::new(),
        keywords: Vec::new(),
        revised: now,
        thumbs_up: 0,
        thumbs_down: 0,
        translations: Vec::new(),
        html: false,
    };
    let list = |v: &str| {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    for line in front.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| seed_error(&place, format!("not `key: value`: {line}")))?;
        let value = value.trim();
        let number = || {
            value
                .parse::<f64>()
                .map_err(|_| seed_error(&place, format!("{key} must be a number")))
        };
        match key.trim() {
            "title" => article.title = value.to_owned(),
            "summary" => article.summary = value.to_owned(),
            "topic" => article.topic = value.to_owned(),
            "lang" => article.lang = value.to_owned(),
            "keywords" => article.keywords = list(value),
            // Languages are filled in once every article is read (see `from_seed`).
            "translations" => {
                article.translations = list(value)
                    .into_iter()
                    .map(|slug| WireTranslation {
                        slug,
                        lang: String::new(),
                    })
                    .collect()
            }
            "revised_days_ago" => article.revised = hours(now, number()? * 24.0),
            "helpful" => article.thumbs_up = number()? as u32,
            "format" => article.html = value == "html",
            "not_helpful" => article.thumbs_down = number()? as u32,
            other => return Err(seed_error(&place, format!("unknown key {other}"))),
        }
    }
    if article.title.is_empty() || article.lang.is_empty() {
        return Err(seed_error(&place, "title and lang are required"));
    }
    Ok(article)
}

/// The article slugs the seed file lists, whose texts are `articles/{slug}.md` beside it.
pub fn article_slugs(seed_json: &str) -> Vec<String> {
    serde_json::from_str::<serde_json::Value>(seed_json)
        .ok()
        .and_then(|v| v.get("articles")?.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

impl DemoService {
    /// A fresh desk at time `now` from the seed file and the article files `(slug, text)`.
    pub fn from_seed(
        seed_json: &str,
        articles: &[(String, String)],
        now: i64,
    ) -> Result<DemoService, SeedError> {
        let seed: Seed = serde_json::from_str(seed_json).map_err(|e| {
            let path = crate::connector::json::error_path(seed_json.as_bytes(), &e);
            seed_error(format!("seed.json {path}"), e.to_string())
        })?;
        let mut articles_out = Vec::with_capacity(seed.articles.len());
        for slug in &seed.articles {
            let (_, text) = articles.iter().find(|(s, _)| s == slug).ok_or_else(|| {
                seed_error(
                    format!("articles/{slug}.md"),
                    "listed in seed.json but not provided",
                )
            })?;
            articles_out.push(parse_article(slug, text, now)?);
        }
        let languages: Vec<(String, String)> = articles_out
            .iter()
            .map(|a| (a.slug.clone(), a.lang.clone()))
            .collect();
        for article in &mut articles_out {
            for tr in &mut article.translations {
                tr.lang = languages
                    .iter()
                    .find(|(slug, _)| *slug == tr.slug)
                    .map(|(_, lang)| lang.clone())
                    .ok_or_else(|| {
                        seed_error(
                            format!("articles/{}.md", article.slug),
                            format!("no article {}", tr.slug),
                        )
                    })?;
            }
        }
        let mut service = DemoService {
            user: seed.user,
            agents: seed.agents,
            catalog: seed.catalog,
            tickets: Vec::new(),
            articles: articles_out,
            notices: seed
                .notices
                .into_iter()
                .map(|n| WireNotice {
                    id: n.id,
                    message: n.message,
                    level: n.level,
                    from: Some(hours(now, n.from_hours_ago)),
                    until: Some(hours(now, -n.until_in_hours)),
                })
                .collect(),
            lookups: seed
                .lookups
                .into_iter()
                .map(|l| (l.source, l.entries))
                .collect(),
            translations: seed.translations,
            next_number: 1000,
            next_event: 0,
            replays: Vec::new(),
            changed: true,
        };
        for (i, t) in seed.tickets.into_iter().enumerate() {
            service
                .seed_ticket(t, now)
                .map_err(|p| seed_error(format!("seed.json tickets[{i}]"), p))?;
        }
        Ok(service)
    }

    fn seed_ticket(&mut self, t: SeedTicket, now: i64) -> Result<(), String> {
        if state_label(&t.state) == "Unknown" {
            return Err(format!("unknown state {}", t.state));
        }
        self.next_number += 1;
        let number = self.next_number;
        let opened = hours(now, t.opened_hours_ago);
        let mut ticket = DemoTicket {
            wire: WireTicket {
                reference: format!("t{number}"),
                number: format!("REQ-{number}"),
                kind: t.kind,
                subject: t.subject,
                body: t.body,
                state: "logged".into(),
                state_label: state_label("logged").into(),
                urgency: Some(t.urgency),
                opened,
                touched: opened,
                customer: self.user.clone(),
                owner: t.owner,
                target: t.target_in_hours.map(|h| hours(now, -h)),
                offering: t.offering,
                events: Vec::new(),
                can: Vec::new(),
            },
            // A ticket seeded as just logged moves on like a new one, so the demo is live.
            plan: if t.state == "logged" {
                plan_for_new(number, now)
            } else {
                Vec::new()
            },
            closed_at: None,
            rated: t.rated,
        };
        let mut desk = Desk {
            next_id: &mut self.next_event,
            agents: &self.agents,
        };
        for e in t.events {
            let at = hours(now, e.hours_ago);
            match e.who.as_str() {
                "customer" => {
                    let text = e.text.clone();
                    desk.customer_event(&mut ticket, "note", at, |ev| ev.text = text);
                }
                "agent" => desk.agent_note(
                    &mut ticket,
                    e.text.as_deref().unwrap_or_default(),
                    false,
                    at,
                ),
                "internal" => {
                    desk.agent_note(&mut ticket, e.text.as_deref().unwrap_or_default(), true, at)
                }
                "state" => desk.set_state(&mut ticket, e.to.as_deref().unwrap_or("logged"), at),
                "file" => {
                    let name = e.filename.clone().unwrap_or_else(|| "file.txt".into());
                    desk.customer_event(&mut ticket, "file", at, |ev| {
                        ev.filename = Some(name);
                        ev.mime = Some("text/plain".into());
                        ev.bytes = Some(0);
                        ev.href = Some("data:text/plain;base64,".into());
                    });
                }
                other => return Err(format!("unknown event author {other}")),
            }
        }
        if ticket.wire.state != t.state {
            return Err(format!(
                "events end in state {} but the ticket says {}",
                ticket.wire.state, t.state
            ));
        }
        self.tickets.push(ticket);
        Ok(())
    }
}
