//! Every `{name}` in the message tables is filled before a person reads it: the same names in
//! each language, none left by filling, and no message with placeholders shown as it is.

use std::collections::BTreeSet;
use std::path::Path;

use super::{t, t_with, Lang, Msg};

/// The placeholder names of one text, or why its braces do not read as placeholders.
fn placeholders(text: &str) -> Result<BTreeSet<&str>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("a '}}' with no '{{' in {text:?}"));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("an unclosed '{{' in {text:?}"))?;
        let name = &after[..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("{{{name}}} is not a placeholder name in {text:?}"));
        }
        names.insert(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// Every key with at least one placeholder, by its `Debug` name.
fn keys_with_placeholders() -> BTreeSet<String> {
    Msg::ALL
        .iter()
        .filter(|m| {
            !placeholders(t(Lang::En, **m))
                .unwrap_or_default()
                .is_empty()
        })
        .map(|m| format!("{m:?}"))
        .collect()
}

#[test]
fn each_language_has_the_same_placeholders_and_filling_leaves_none() {
    for msg in Msg::ALL {
        let english = placeholders(t(Lang::En, *msg)).unwrap_or_else(|e| panic!("{msg:?}: {e}"));
        for lang in Lang::ALL {
            let text = t(lang, *msg);
            let names = placeholders(text).unwrap_or_else(|e| panic!("{msg:?} {lang:?}: {e}"));
            assert_eq!(
                names, english,
                "{msg:?} in {lang:?} names other placeholders: {text:?}"
            );
            let args: Vec<(&str, &str)> = names.iter().map(|n| (*n, "X")).collect();
            let filled = t_with(lang, *msg, &args);
            assert!(!filled.contains(['{', '}']), "{msg:?} {lang:?}: {filled:?}");
        }
    }
}

#[test]
fn the_reader_never_meets_a_placeholder_text_unfilled() {
    let keys = keys_with_placeholders();
    assert!(
        keys.contains("DeliveryWithin"),
        "the walk must see the known keys"
    );
    let mut unfilled = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in rust_files(&src) {
        if file.starts_with(src.join("i18n")) {
            continue;
        }
        let code = std::fs::read_to_string(&file).unwrap_or_default();
        for (at, key) in msg_uses(&code) {
            let fills = local_fillers(&file);
            if keys.contains(key) && !filled_at(&code, at, fills) {
                let line = code[..at].lines().count();
                unfilled.push(format!("{}:{line}: Msg::{key}", file.display()));
            }
        }
    }
    assert!(
        unfilled.is_empty(),
        "shown without its placeholders filled (use t_with or plural): {unfilled:#?}"
    );
}

#[test]
fn the_walk_catches_a_placeholder_shown_raw() {
    let raw = "view! { <dt>{tr(Msg::DeliveryWithin)}</dt> }";
    let (at, _) = msg_uses(raw)[0];
    assert!(!filled_at(raw, at, &[]));
    let filled = "t_with(\n    lang,\n    Msg::DeliveryWithin,\n    &[(\"time\", &time)],\n)";
    let (at, _) = msg_uses(filled)[0];
    assert!(filled_at(filled, at, &[]));
    let mapped = "match s { Status::Open => Msg::DeliveryWithin }";
    let (at, _) = msg_uses(mapped)[0];
    assert!(!filled_at(mapped, at, &[]));
    let local = "submit(change, Msg::DeliveryWithin)";
    let (at, _) = msg_uses(local)[0];
    assert!(!filled_at(local, at, &[]) && filled_at(local, at, &["submit"]));
}

/// Local helpers that take a message and fill it with `t_with` themselves, per file.
fn local_fillers(file: &Path) -> &'static [&'static str] {
    // ticket_actions.rs: `submit(change, sent, failed, …)` fills `failed` with the reason.
    if file.ends_with("ticket_actions.rs") {
        &["submit"]
    } else {
        &[]
    }
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Each `Msg::Key` in the code: where it starts and the key.
fn msg_uses(code: &str) -> Vec<(usize, &str)> {
    code.match_indices("Msg::")
        .map(|(at, _)| {
            let key = &code[at + 5..];
            let end = key
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .unwrap_or(key.len());
            (at, &key[..end])
        })
        .collect()
}

/// Whether the key at `at` is an argument of a call that fills placeholders: the innermost
/// parenthesis still open before it belongs to `t_with(` or `plural(`, or it is the `message`
/// of a page that fills `{id}` itself (`MissingEntity`), or to one of `local_fillers`.
fn filled_at(code: &str, at: usize, local_fillers: &[&str]) -> bool {
    let before = &code[..at];
    if before.trim_end().ends_with("message=") {
        return true;
    }
    let mut depth = 0usize;
    for (i, c) in before.char_indices().rev() {
        match c {
            ')' | ']' | '}' => depth += 1,
            '(' | '[' | '{' if depth > 0 => depth -= 1,
            '(' => {
                let callee = before[..i].trim_end();
                return ["t_with", "plural"]
                    .iter()
                    .chain(local_fillers)
                    .any(|f| callee.ends_with(f));
            }
            '[' => continue,
            ';' | '{' if depth == 0 => return false,
            _ => {}
        }
    }
    false
}
