//! Untrusted markdown and HTML, made safe to show.
//!
//! * [`text_blocks`] reads markdown as plain text blocks (headings, paragraphs, list items,
//!   code): nothing it returns is markup, for ticket and catalog descriptions.
//! * [`render_markdown`] and [`render_html`] give knowledge articles their full formatting as
//!   HTML that only ever holds allow-listed elements, attributes and URLs.

mod render;
mod sanitize;
mod url;

pub use render::{render_html, render_markdown, Heading, Labels, Rendered, ID_PREFIX};
pub use sanitize::{decode_entities, sanitize_html};
pub use url::{is_external, safe_url};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text of an HTML body, its markup dropped (scripts and styles with their content).
pub fn html_text(html: &str) -> String {
    let clean = sanitize_html(html, true);
    let mut out = String::with_capacity(clean.len());
    let mut rest = clean.as_str();
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        if [
            "<p", "<br", "<li", "<h", "<div", "<tr", "</p", "</li", "</h", "</div", "</tr",
        ]
        .iter()
        .any(|t| tag.starts_with(t))
        {
            out.push('\n');
        } else if tag.starts_with("<td") || tag.starts_with("<th") {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// The text of markdown in one string (blocks separated by newlines), for search snippets.
pub fn plain_text(markdown: &str) -> String {
    let blocks = text_blocks(markdown);
    let mut out = String::with_capacity(markdown.len());
    for block in blocks {
        let (Block::Heading(t) | Block::Paragraph(t) | Block::ListItem(t) | Block::Code(t)) = block;
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&t);
    }
    out
}

/// One block of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    ListItem(String),
    Code(String),
}

/// Reads markdown into text blocks.
pub fn text_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut in_code = false;
    let flush = |text: &mut String, blocks: &mut Vec<Block>, make: fn(String) -> Block| {
        let t = text.trim();
        if !t.is_empty() {
            blocks.push(make(t.to_owned()));
        }
        text.clear();
    };
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(if in_code { '\n' } else { ' ' }),
            Event::TaskListMarker(done) => text.push_str(if done { "☑ " } else { "☐ " }),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                let code = text.trim_end_matches('\n').to_owned();
                if !code.trim().is_empty() {
                    blocks.push(Block::Code(code));
                }
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => flush(&mut text, &mut blocks, Block::Heading),
            Event::End(TagEnd::Paragraph) if !text.is_empty() => {
                flush(&mut text, &mut blocks, Block::Paragraph)
            }
            Event::End(TagEnd::Item) => flush(&mut text, &mut blocks, Block::ListItem),
            Event::End(TagEnd::TableCell) => text.push_str(" · "),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                let row = text.trim_end_matches(" · ").to_owned();
                text = row;
                flush(&mut text, &mut blocks, Block::Paragraph);
            }
            // Raw HTML is untrusted markup: dropped, never shown as tags.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    flush(&mut text, &mut blocks, Block::Paragraph);
    blocks
}

// Property tests need proptest, a host-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn blocks_keep_the_text_and_drop_the_markup() {
        let md = "# Title\n\nSome **bold** and [a link](javascript:alert(1)).\n\n- one\n- [ ] todo\n\n```\nping x\n```\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n![alt text](x.png)";
        assert_eq!(
            text_blocks(md),
            vec![
                Block::Heading("Title".into()),
                Block::Paragraph("Some bold and a link.".into()),
                Block::ListItem("one".into()),
                Block::ListItem("☐ todo".into()),
                Block::Code("ping x".into()),
                Block::Paragraph("A · B".into()),
                Block::Paragraph("1 · 2".into()),
                Block::Paragraph("alt text".into()),
            ]
        );
    }

    #[test]
    fn hostile_input_yields_only_text() {
        for md in [
            "<img src=x onerror=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "",
            "\u{0}\u{202e}",
        ] {
            for block in text_blocks(md) {
                let (Block::Heading(t) | Block::Paragraph(t) | Block::ListItem(t) | Block::Code(t)) =
                    block;
                assert!(!t.contains('<'), "{md:?} gave {t:?}");
            }
        }
    }
}
