//! Per-device preferences. They hold no personal data and no credentials, so the shell may keep
//! them in localStorage.

use crate::i18n::Msg;

/// The colour theme the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every choice, in the order the settings page lists them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored form, also used as `<html data-theme>`.
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored value; anything unknown falls back to following the system.
    pub fn from_code(code: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.code() == code)
            .unwrap_or_default()
    }

    /// The label shown for this choice.
    pub fn label(self) -> Msg {
        match self {
            Theme::System => Msg::ThemeSystem,
            Theme::Light => Msg::ThemeLight,
            Theme::Dark => Msg::ThemeDark,
        }
    }
}

/// Storage keys, in one place so the shell and tests agree.
pub mod keys {
    /// The language the user chose.
    pub const LANGUAGE: &str = "portico.language";
    /// The theme the user chose.
    pub const THEME: &str = "portico.theme";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_round_trip_and_unknown_values_follow_the_system() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_code(theme.code()), theme);
        }
        assert_eq!(Theme::from_code("sepia"), Theme::System);
        assert_eq!(Theme::from_code(""), Theme::System);
    }
}
