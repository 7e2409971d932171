//! What to tell the user about each validation error, in their language.

use super::FieldError;
use crate::i18n::{t, t_with, Lang, Msg};

/// One line of the error summary at the top of a form: the question, then what is wrong.
///
/// Many labels are questions ("How many?"), and "How many?: …" reads as a stray "?:". A label
/// that ends in its own punctuation is followed by a space; others by a colon (with the
/// non-breaking space French typography puts before it). An empty label leaves the message.
pub fn summary_entry(lang: Lang, label: &str, message: &str) -> String {
    let label = label.trim().trim_end_matches([':', '\u{a0}', ' ']);
    if label.is_empty() {
        return message.to_owned();
    }
    if label.ends_with(['?', '!', '.', '\u{2026}']) {
        return format!("{label} {message}");
    }
    let colon = if lang == Lang::Fr { "\u{a0}: " } else { ": " };
    format!("{label}{colon}{message}")
}

/// The sentence shown under a field that failed validation.
pub fn error_message(lang: Lang, error: &FieldError) -> String {
    match error {
        FieldError::Required => t(lang, Msg::FieldRequired).to_owned(),
        FieldError::Invalid => t(lang, Msg::FieldInvalid).to_owned(),
        FieldError::TooShort { min } => {
            t_with(lang, Msg::FieldTooShort, &[("min", &min.to_string())])
        }
        FieldError::TooLong { max } => {
            t_with(lang, Msg::FieldTooLong, &[("max", &max.to_string())])
        }
        FieldError::PatternMismatch { hint: Some(hint) } => {
            let expected = t_with(lang, Msg::FieldPatternHint, &[("hint", hint.trim())]);
            format!("{} {expected}", t(lang, Msg::FieldPattern))
        }
        FieldError::PatternMismatch { hint: None } => t(lang, Msg::FieldPattern).to_owned(),
        FieldError::NotAChoice => t(lang, Msg::FieldNotAChoice).to_owned(),
        FieldError::InvalidDate | FieldError::InvalidDateTime => {
            t(lang, Msg::FieldInvalidDate).to_owned()
        }
        FieldError::NotANumber
        | FieldError::TooManyDecimals { .. }
        | FieldError::BelowMin { .. }
        | FieldError::AboveMax { .. }
        | FieldError::TooEarly { .. }
        | FieldError::TooLate { .. }
        | FieldError::TooManyFiles { .. } => t(lang, Msg::FieldOutOfRange).to_owned(),
        FieldError::InvalidEmail | FieldError::InvalidUrl | FieldError::InvalidPhone => {
            t(lang, Msg::FieldFormat).to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_reads_as_a_sentence_in_every_language() {
        let errors = [
            FieldError::Required,
            FieldError::TooShort { min: 20 },
            FieldError::PatternMismatch {
                hint: Some("Like AB-1234".into()),
            },
            FieldError::PatternMismatch { hint: None },
            FieldError::InvalidDate,
            FieldError::AboveMax { max: 3.0 },
            FieldError::InvalidEmail,
        ];
        for lang in Lang::ALL {
            for e in &errors {
                let m = error_message(lang, e);
                assert!(!m.contains('{') && m.ends_with('.'), "{lang:?} {e:?}: {m}");
            }
        }
        let hinted = error_message(
            Lang::Fr,
            &FieldError::PatternMismatch {
                hint: Some("Like AB-1234".into()),
            },
        );
        assert!(hinted.contains("Like AB-1234"), "{hinted}");
        assert!(error_message(Lang::Es, &FieldError::TooShort { min: 20 }).contains("20"));
    }
}
