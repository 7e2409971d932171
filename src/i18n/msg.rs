//! The keys of every user-facing string. Add a key here, then its text in en.rs, fr.rs and es.rs.

macro_rules! messages {
    ($($name:ident),* $(,)?) => {
        /// A user-facing string, translated by [`super::t`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($name),* }

        impl Msg {
            /// Every key, for tests that check each language is complete.
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];
        }
    };
}

messages! {
    AppTagline,
    SkipToContent,
    NavMain,
    NavHome,
    NavCatalog,
    NavKnowledge,
    NavTickets,
    NavSettings,
    LanguageLabel,
    ThemeLabel,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    StatusOnline,
    StatusOffline,
    StatusOfflineHint,
    Loading,
    FooterPoweredBy,
    FooterOffline,
    HomeTitle,
    HomeIntro,
    HomeCatalogDesc,
    HomeKnowledgeDesc,
    HomeTicketsDesc,
    CatalogTitle,
    CatalogIntro,
    CatalogEmpty,
    CatalogEmptyHint,
    ItemNotFoundTitle,
    ItemNotFound,
    BackToCatalog,
    KnowledgeTitle,
    KnowledgeIntro,
    KnowledgeEmpty,
    ArticleNotFoundTitle,
    ArticleNotFound,
    BackToKnowledge,
    TicketsTitle,
    TicketsIntro,
    TicketsEmpty,
    TicketsEmptyHint,
    TicketNotFoundTitle,
    TicketNotFound,
    BackToTickets,
    SettingsTitle,
    SettingsIntro,
    SettingsLanguageHelp,
    SettingsThemeHelp,
    SettingsFormats,
    SettingsDateExample,
    SettingsTimeExample,
    SettingsNumberExample,
    NotFoundTitle,
    NotFoundPath,
    NotFoundHelp,
    BackHome,
    ConfigErrorTitle,
    ConfigErrorIntro,
    ConfigErrorKey,
    ConfigErrorProblem,
    ConfigErrorAdmin,
    Retry,
    CrashTitle,
    CrashBody,
    Reload,
}
