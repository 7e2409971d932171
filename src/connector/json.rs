//! Decoding backend JSON without ever panicking, and naming the path that failed.
//!
//! serde_json reports where an error happened as a line and column; [`path_at`] turns that
//! position into a JSON path (`tickets[3].state`) by scanning the text up to it. One small
//! function for every type, where a path-tracking deserializer would be compiled again for each
//! type decoded (about 130 KB of wasm when measured).

use serde::de::DeserializeOwned;

use super::{HttpResponse, PortalError};

/// Decodes a response body; a failure names the JSON path (`tickets[3].state`).
pub fn decode<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, PortalError> {
    decode_bytes(&response.body)
}

/// Decodes bytes; see [`decode`].
pub fn decode_bytes<T: DeserializeOwned>(body: &[u8]) -> Result<T, PortalError> {
    serde_json::from_slice(body).map_err(|e| {
        let path = error_path(body, &e);
        PortalError::Malformed {
            path: if path == "." {
                "(body)".to_owned()
            } else {
                path
            },
            detail: e.to_string(),
        }
    })
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// The JSON path an error from `serde_json` refers to. An unknown field is found by its key
/// (serde reports some of those, inside tagged enums, only once the outer object is read).
pub fn error_path(text: &[u8], error: &serde_json::Error) -> String {
    let end = offset(text, error.line(), error.column()).min(text.len());
    let message = error.to_string();
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    if let Some(position) = unknown.and_then(|field| find_key(&text[..end], field)) {
        return path_at_offset(text, position);
    }
    path_at_offset(text, end)
}

/// Where the last `"field":` before the end of `text` ends.
fn find_key(text: &[u8], field: &str) -> Option<usize> {
    let needle = format!("\"{field}\"");
    let needle = needle.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i + needle.len() <= text.len() {
        if &text[i..i + needle.len()] == needle {
            let rest = &text[i + needle.len()..];
            if rest.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':') {
                found = Some(i + needle.len());
            }
        }
        i += 1;
    }
    found
}

/// The JSON path of the value being read at `line`/`column` (1-based, bytes) of `text`:
/// `.` for the top level, else keys joined by `.` with `[i]` for array elements. Text that is
/// not JSON still yields the path of the last well-formed position.
pub fn path_at(text: &[u8], line: usize, column: usize) -> String {
    path_at_offset(text, offset(text, line, column))
}

fn path_at_offset(text: &[u8], end: usize) -> String {
    let mut end = end.min(text.len());
    // An error reported on a closing brace (a missing or unknown field, found once the object
    // was read) belongs to the object that brace closes.
    let closing = end > 0 && text[end - 1] == b'}';
    if closing {
        end -= 1;
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match text[i] {
            b'"' => {
                let start = i + 1;
                i = start;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                let s = String::from_utf8_lossy(&text[start..i.min(text.len())]).into_owned();
                // A string right after `{` or `,` inside an object is a key.
                if let Some(Frame::Object { key }) = stack.last_mut() {
                    if key.is_none() {
                        *key = Some(s);
                    }
                }
            }
            b'{' => stack.push(Frame::Object { key: None }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key }) => *key = None,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    if let (true, Some(Frame::Object { key })) = (closing, stack.last_mut()) {
        *key = None;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}

fn offset(text: &[u8], line: usize, column: usize) -> usize {
    let mut current = 1;
    let mut start = 0;
    for (i, b) in text.iter().enumerate() {
        if current == line {
            break;
        }
        if *b == b'\n' {
            current += 1;
            start = i + 1;
        }
    }
    start + column
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Page {
        #[allow(dead_code)]
        tickets: Vec<Row>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Row {
        #[allow(dead_code)]
        state: String,
    }

    #[test]
    fn failures_name_the_path() {
        let cases = [
            (
                r#"{"tickets":[{"state":"x"},{"state":4}]}"#,
                "tickets[1].state",
            ),
            (
                "{\"tickets\":[\n  {\"state\":\"x\"},\n  {\"state\": true}\n]}",
                "tickets[1].state",
            ),
            (r#"{"tickets":{}}"#, "tickets"),
            (r#"{"tickets":[{}]}"#, "tickets[0]"),
            (
                r#"{"tickets":[{"state":"a","extra":1}]}"#,
                "tickets[0].extra",
            ),
            (
                r#"{"tickets":[{"state":"a\"b,c}"},{"state":[]}]}"#,
                "tickets[1].state",
            ),
            ("", "(body)"),
            ("<html>", "(body)"),
            ("null", "(body)"),
        ];
        for (body, path) in cases {
            match decode_bytes::<Page>(body.as_bytes()) {
                Err(PortalError::Malformed { path: p, .. }) => assert_eq!(p, path, "{body}"),
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn positions_past_the_end_or_in_garbage_never_panic() {
        for text in [
            "",
            "{",
            "[[[",
            "\"unterminated",
            "{\"a\":\"\\",
            "\u{0}\u{ffff}",
        ] {
            for line in 0..3 {
                for column in 0..8 {
                    let _ = path_at(text.as_bytes(), line, column);
                }
            }
        }
    }
}
