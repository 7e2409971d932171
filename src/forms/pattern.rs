//! Patterns come from backends, so they are untrusted: compiled with a linear-time engine
//! (regex-lite: worst case O(pattern × input)), under limits on length, nesting and compiled
//! size. A pattern that breaks a limit is refused and its check disabled, never run.

/// Longest pattern source accepted.
pub const MAX_PATTERN_CHARS: usize = 1_000;
const MAX_NESTING: u32 = 32;
const MAX_COMPILED_BYTES: usize = 256 * 1024;

/// A compiled pattern that must match the whole value.
#[derive(Clone, Debug)]
pub struct Pattern(regex_lite::Regex);

/// A pattern the portal refused, for the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternIssue {
    pub field: String,
    pub problem: String,
}

impl Pattern {
    /// Compiles `source` anchored at both ends, as HTML's `pattern` attribute does.
    pub fn compile(source: &str) -> Result<Pattern, String> {
        if source.chars().count() > MAX_PATTERN_CHARS {
            return Err(format!(
                "pattern longer than {MAX_PATTERN_CHARS} characters"
            ));
        }
        regex_lite::RegexBuilder::new(&format!("^(?:{source})$"))
            .nest_limit(MAX_NESTING)
            .size_limit(MAX_COMPILED_BYTES)
            .build()
            .map(Pattern)
            .map_err(|e| e.to_string())
    }

    pub fn matches(&self, value: &str) -> bool {
        self.0.is_match(value)
    }
}
