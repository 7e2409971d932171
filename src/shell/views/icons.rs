//! A small set of inline SVG icons (24×24, stroke), decorative: the text beside them carries
//! the meaning, so they are hidden from assistive technology.

use leptos::prelude::*;

/// The icons the shell uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconName {
    Home,
    Catalog,
    Book,
    Ticket,
    Settings,
    Globe,
    Online,
    Offline,
    Search,
    Arrow,
    Dot,
    Question,
    Pause,
    Check,
    Cross,
    Megaphone,
    Close,
}

fn path(name: IconName) -> &'static str {
    match name {
        IconName::Home => "M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z",
        IconName::Catalog => "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
        IconName::Book => "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5M8 7h7",
        IconName::Ticket => "M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4zM9 7v10",
        // A cog (teeth on a ring round a hub), not rays round a disc: a sun reads as a theme switch.
        IconName::Settings => "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06a1.65 1.65 0 0 0 .33-1.82 1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06a1.65 1.65 0 0 0 1.82.33H9a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06a1.65 1.65 0 0 0-.33 1.82V9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z",
        IconName::Globe => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z",
        IconName::Online => "M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01",
        IconName::Offline => "M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01M3 3l18 18",
        IconName::Search => "M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5 21 21",
        IconName::Arrow => "M5 12h14M13 6l6 6-6 6",
        IconName::Dot => "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z",
        IconName::Question => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01",
        IconName::Pause => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM10 9v6M14 9v6",
        IconName::Check => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 12.5l2.5 2.5L16 9.5",
        IconName::Cross => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9 9l6 6M15 9l-6 6",
        IconName::Megaphone => "M3 10v4h3l7 4V6L6 10zM17 9a4 4 0 0 1 0 6M6 14l1 5h3l-1-5",
        IconName::Close => "M6 6l12 12M18 6 6 18",
    }
}

/// An icon that inherits the text colour and size.
#[component]
pub fn Icon(
    /// Which icon to draw.
    name: IconName,
) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path(name) />
        </svg>
    }
}
