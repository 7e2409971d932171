//! Untrusted markdown (or HTML) to safe HTML for the knowledge base.
//!
//! pulldown-cmark parses; its HTML writer escapes text. Everything that could carry markup or
//! a URL is written here instead: links and images only with a [`safe_url`], external links
//! with `rel="noopener noreferrer"`, images lazy; raw HTML through the allow-list
//! [`sanitize_html`]. Headings move one level down (the page title is the `h1`) and get ids
//! for a table of contents; code blocks get a copy button; tables a scrolling region; footnote
//! ids are prefixed so an article cannot clobber the page's own ids.

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::sanitize::{escape_into, sanitize_html};
use super::url::{is_external, safe_url};

/// Words the rendered article needs, in the reader's language.
#[derive(Clone, Copy, Debug)]
pub struct Labels<'a> {
    /// The copy button on code blocks.
    pub copy: &'a str,
    /// The accessible name of a table's scrolling region.
    pub table: &'a str,
    /// A task list item that is done, and one that is not.
    pub done: &'a str,
    pub not_done: &'a str,
    /// The link back from a footnote to where it is cited.
    pub back_to_text: &'a str,
}

impl Labels<'static> {
    pub const ENGLISH: Labels<'static> = Labels {
        copy: "Copy",
        table: "Table",
        done: "Done",
        not_done: "Not done",
        back_to_text: "Back to the text",
    };
}

/// A heading, for the table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 2 for the article's top level (markdown `#`), up to 6.
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// Prefix of every id an article's markup carries.
pub const ID_PREFIX: &str = "kb-";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in crate::textmatch::fold(text).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// The heading's id: its slug with the article prefix, numbered when an earlier heading of
/// the same article already took it.
fn unique_id(text: &str, used: &mut Vec<String>) -> String {
    let base = format!("{ID_PREFIX}{}", slug(text));
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

fn shifted(level: HeadingLevel) -> u8 {
    (level as u8 + 1).min(6)
}

/// Renders markdown; raw HTML in it goes through the sanitizer.
pub fn render_markdown(markdown: &str, labels: &Labels) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    // First pass: heading texts, for ids and the table of contents.
    let mut headings = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut current: Option<(u8, String)> = None;
    for event in &events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((shifted(*level), String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = current.take() {
                    let id = unique_id(&text, &mut used);
                    headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_owned(),
                    });
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut next_heading = headings.iter();
    let mut html_block = String::new();
    let mut image: Option<(Option<String>, String, String)> = None;
    let mut footnotes: Vec<String> = Vec::new();
    let mut current_footnote = 0;
    // Header cells are written here to carry `scope="col"`: (the columns' alignments, the
    // next header cell's column) while in a table's head.
    let mut aligns: Vec<Alignment> = Vec::new();
    let mut head_column: Option<usize> = None;
    let raw = |s: String| Event::Html(CowStr::from(s));
    for event in events {
        if let Some((_, _, alt)) = &mut image {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => {
                    if let Some((src, title, alt)) = image.take() {
                        out.push(raw(image_tag(src.as_deref(), &title, &alt)));
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block.clear(),
            Event::Html(h) => html_block.push_str(&h),
            Event::End(TagEnd::HtmlBlock) => {
                out.push(raw(sanitize_html(&html_block, true)));
                html_block.clear();
            }
            Event::InlineHtml(h) => out.push(raw(sanitize_html(&h, false))),
            Event::Start(Tag::Heading { level, .. }) => {
                let id = next_heading
                    .next()
                    .map(|h| h.id.clone())
                    .unwrap_or_default();
                out.push(raw(format!("<h{} id=\"{}\">", shifted(level), attr(&id))));
            }
            Event::End(TagEnd::Heading(level)) => out.push(raw(format!("</h{}>", shifted(level)))),
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let mut tag = String::from("<a");
                if let Some(url) = safe_url(&dest_url) {
                    let url = if let Some(fragment) = url.strip_prefix('#') {
                        format!("#{ID_PREFIX}{fragment}")
                    } else {
                        url
                    };
                    tag.push_str(" href=\"");
                    escape_into(&mut tag, &url);
                    tag.push('"');
                    if is_external(&url) {
                        tag.push_str(" rel=\"noopener noreferrer\"");
                    }
                }
                if !title.is_empty() {
                    tag.push_str(" title=\"");
                    escape_into(&mut tag, &title);
                    tag.push('"');
                }
                tag.push('>');
                out.push(raw(tag));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                image = Some((safe_url(&dest_url), title.to_string(), String::new()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || "-_+".contains(*c))
                        .take(20)
                        .collect::<String>(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                let mut tag = String::from(
                    "<div class=\"code-block\"><button type=\"button\" class=\"copy-code\">",
                );
                escape_into(&mut tag, labels.copy);
                tag.push_str("</button><pre><code");
                if !language.is_empty() {
                    tag.push_str(&format!(" class=\"language-{language}\""));
                }
                tag.push('>');
                out.push(raw(tag));
            }
            Event::End(TagEnd::CodeBlock) => out.push(raw("</code></pre></div>".into())),
            Event::Start(Tag::Table(alignments)) => {
                let mut tag = String::from(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"",
                );
                escape_into(&mut tag, labels.table);
                tag.push_str("\">");
                out.push(raw(tag));
                aligns = alignments.clone();
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                head_column = Some(0);
                out.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                head_column = None;
                out.push(event);
            }
            Event::Start(Tag::TableCell) if head_column.is_some() => {
                let column = head_column.unwrap_or_default();
                head_column = Some(column + 1);
                let align = match aligns.get(column) {
                    Some(Alignment::Left) => " style=\"text-align: left\"",
                    Some(Alignment::Center) => " style=\"text-align: center\"",
                    Some(Alignment::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                out.push(raw(format!("<th scope=\"col\"{align}>")));
            }
            Event::End(TagEnd::TableCell) if head_column.is_some() => out.push(raw("</th>".into())),
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(raw("</div>".into()));
            }
            Event::TaskListMarker(done) => {
                let (mark, label) = if done {
                    ("☑", labels.done)
                } else {
                    ("☐", labels.not_done)
                };
                let mut tag = format!("<span class=\"task\" aria-hidden=\"true\">{mark}</span><span class=\"visually-hidden\">");
                escape_into(&mut tag, label);
                tag.push_str(": </span>");
                out.push(raw(tag));
            }
            Event::FootnoteReference(name) => {
                let n = footnote_number(&name, &mut footnotes);
                out.push(raw(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{ID_PREFIX}fn-{n}\" id=\"{ID_PREFIX}fnref-{n}\">{n}</a></sup>"
                )));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = footnote_number(&name, &mut footnotes);
                current_footnote = n;
                out.push(raw(format!(
                    "<div class=\"footnote\" id=\"{ID_PREFIX}fn-{n}\"><span class=\"footnote-label\">{n}.</span>"
                )));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let n = current_footnote;
                let mut tag = format!(
                    " <a href=\"#{ID_PREFIX}fnref-{n}\" class=\"footnote-back\" aria-label=\""
                );
                escape_into(&mut tag, labels.back_to_text);
                tag.push_str("\">↩</a></div>");
                out.push(raw(tag));
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Rendered { html, headings }
}

/// A footnote's number: its place in order of first mention.
fn footnote_number(name: &str, footnotes: &mut Vec<String>) -> usize {
    match footnotes.iter().position(|f| f == name) {
        Some(at) => at + 1,
        None => {
            footnotes.push(name.to_owned());
            footnotes.len()
        }
    }
}

fn attr(value: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, value);
    out
}

fn image_tag(src: Option<&str>, title: &str, alt: &str) -> String {
    let Some(src) = src else {
        // No safe source: the alternative text stands in.
        return attr(alt);
    };
    let mut tag = format!("<img src=\"{}\" alt=\"{}\"", attr(src), attr(alt));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", attr(title)));
    }
    tag.push_str(" loading=\"lazy\" decoding=\"async\">");
    tag
}

/// Renders an HTML body (from a backend that stores HTML) through the same allow-list, with
/// the same heading ids and table of contents.
pub fn render_html(html: &str) -> Rendered {
    let clean = sanitize_html(html, true);
    let mut headings = Vec::new();
    let mut out = String::with_capacity(clean.len() + 64);
    let mut rest = clean.as_str();
    let mut used: Vec<String> = Vec::new();
    // The sanitizer wrote every heading as a bare `<hN>`: give each an id.
    while let Some(at) = rest.find("<h") {
        let tail = &rest[at..];
        let level = tail.as_bytes().get(2).copied();
        if tail.as_bytes().get(3) == Some(&b'>') && matches!(level, Some(b'2'..=b'6')) {
            let level = level.unwrap_or(b'2') - b'0';
            let close = format!("</h{level}>");
            let inner_end = tail.find(&close).unwrap_or(tail.len());
            let text = super::html_text(&tail[4..inner_end]);
            let id = unique_id(&text, &mut used);
            out.push_str(&rest[..at]);
            out.push_str(&format!("<h{level} id=\"{}\">", attr(&id)));
            headings.push(Heading {
                level,
                id,
                text: text.trim().to_owned(),
            });
            rest = &tail[4..];
        } else {
            out.push_str(&rest[..at + 2]);
            rest = &tail[2..];
        }
    }
    out.push_str(rest);
    Rendered {
        html: out,
        headings,
    }
}
