//! Decoding backend JSON without ever panicking, and naming the path that failed.

use serde::de::DeserializeOwned;

use super::{HttpResponse, PortalError};

/// Decodes a response body; a failure names the JSON path (`tickets[3].state`).
pub fn decode<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, PortalError> {
    decode_bytes(&response.body)
}

/// Decodes bytes; see [`decode`].
pub fn decode_bytes<T: DeserializeOwned>(body: &[u8]) -> Result<T, PortalError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        PortalError::Malformed {
            path: if path == "." {
                "(body)".to_owned()
            } else {
                path
            },
            detail: e.inner().to_string(),
        }
    })
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
            (r#"{"tickets":{}}"#, "tickets"),
            (r#"{"tickets":[{}]}"#, "tickets[0]"),
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
}
