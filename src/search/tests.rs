use super::*;

struct Article {
    id: &'static str,
    language: &'static str,
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    category: &'static str,
    tags: Vec<String>,
    updated: i64,
}

fn a(
    id: &'static str,
    language: &'static str,
    category: &'static str,
    title: &'static str,
    summary: &'static str,
    body: &'static str,
) -> Article {
    Article {
        id,
        language,
        title,
        summary,
        body,
        category,
        tags: Vec::new(),
        updated: 1_700_000_000,
    }
}

fn doc(x: &Article) -> Doc<'_> {
    Doc {
        id: x.id,
        language: x.language,
        title: x.title,
        tags: &x.tags,
        summary: x.summary,
        body: x.body,
        category: x.category,
        updated: x.updated,
    }
}

fn library() -> Vec<Article> {
    let mut list = vec![
        a("vpn", "en", "Network", "Connect to the VPN from home", "Install the client and sign in.", "Open the VPN client, choose the office gateway and sign in with your password. Connections drop after 12 hours."),
        a("password", "en", "Accounts", "Reset your password", "Forgot your password? Reset it yourself.", "Go to the password page, answer your security questions and choose a new password."),
        a("printer", "en", "Hardware", "Add a network printer", "Find the printer near you and install it.", "Printers are named after their floor. Configuring a printer takes a minute."),
        a("unzip", "en", "Files", "Extract a zip archive", "Unzip compressed files.", "Right-click the archive and choose Extract all. Large archives take longer."),
        a("disk", "en", "Files", "Free up disk space", "Find what takes up space on your drive.", "Empty the recycle bin and delete old downloads to free space."),
        a("imprimante", "fr", "Hardware", "Ajouter une imprimante réseau", "Trouvez l'imprimante la plus proche.", "Les imprimantes portent le nom de leur étage. La configuration prend une minute."),
        a("mdp-fr", "fr", "Accounts", "Réinitialiser votre mot de passe", "Mot de passe oublié ?", "Allez sur la page des mots de passe et choisissez-en un nouveau."),
        a("impresora", "es", "Hardware", "Añadir una impresora de red", "Encuentre la impresora más cercana.", "Las impresoras llevan el nombre de su planta. La configuración tarda un minuto."),
        a("contrasena", "es", "Accounts", "Restablecer la contraseña", "¿Olvidó su contraseña?", "Vaya a la página de contraseñas y elija una nueva."),
    ];
    list[2].tags = vec!["printing".into(), "paper".into()];
    list
}

fn index_of(articles: &[Article]) -> Index {
    let mut index = Index::new();
    index.add(articles.iter().map(doc));
    index
}

fn top(index: &Index, text: &str) -> Vec<String> {
    let query = Query {
        text,
        limit: 10,
        ..Query::default()
    };
    index
        .search(&query, |_| None)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn queries_rank_the_answer_first_in_three_languages() {
    let index = index_of(&library());
    for (query, want) in [
        ("reset password", "password"),
        ("how do I connect to the vpn", "vpn"),
        ("add printer", "printer"),
        ("unzip a file", "unzip"),
        ("free space on my disk", "disk"),
        ("ajouter une imprimante", "imprimante"),
        ("mot de passe oublié", "mdp-fr"),
        ("añadir impresora", "impresora"),
        ("olvidé la contraseña", "contrasena"),
    ] {
        assert_eq!(
            top(&index, query).first().map(String::as_str),
            Some(want),
            "{query}"
        );
    }
}

#[test]
fn typos_accents_and_word_forms_are_forgiven() {
    let index = index_of(&library());
    for (query, want) in [
        ("pasword", "password"),        // a letter missing
        ("passwrod reset", "password"), // two letters swapped
        ("imprimnate", "imprimante"),   // swapped, in French
        ("contrasena", "contrasena"),   // no accent typed
        ("CONTRASEÑA", "contrasena"),
        ("configuring printers", "printer"), // stems meet: configur-, printer-
        ("imprimantes", "imprimante"),
        ("impresoras", "impresora"),
        ("printing", "printer"), // a tag
    ] {
        assert_eq!(
            top(&index, query).first().map(String::as_str),
            Some(want),
            "{query}"
        );
    }
    // Short words are not forgiven: one typo makes another word.
    assert!(top(&index, "vpm").is_empty());
}

#[test]
fn words_match_as_prefixes_while_typing() {
    let index = index_of(&library());
    assert_eq!(
        top(&index, "passw").first().map(String::as_str),
        Some("password")
    );
    assert_eq!(
        top(&index, "unz").first().map(String::as_str),
        Some("unzip")
    );
    assert_eq!(
        top(&index, "reset pa").first().map(String::as_str),
        Some("password")
    );
    // A finished word (followed by a space) still reaches longer words, with less weight.
    assert!(query_words("unz")[0].prefix);
    assert!(!query_words("unz ")[0].prefix);
    assert_eq!(top(&index, "unz "), ["unzip"]);
}

#[test]
fn stop_words_are_ignored_and_phrases_rank_higher() {
    let index = index_of(&library());
    assert_eq!(top(&index, "the"), Vec::<String>::new());
    assert_eq!(top(&index, "the of and"), Vec::<String>::new());
    // "network printer" is a phrase in one title; "network" alone is in the VPN body too.
    let got = top(&index, "network printer");
    assert_eq!(got.first().map(String::as_str), Some("printer"));
}

#[test]
fn facets_count_every_match_and_the_filter_narrows() {
    let index = index_of(&library());
    let query = Query {
        text: "password",
        limit: 10,
        ..Query::default()
    };
    let found = index.search(&query, |_| None);
    assert_eq!(
        found.facets,
        [("Accounts".to_owned(), 1), ("Network".to_owned(), 1)]
    );
    assert_eq!(found.total, 2);
    let narrowed = index.search(
        &Query {
            category: Some("Network"),
            ..query.clone()
        },
        |_| None,
    );
    assert_eq!(narrowed.hits.len(), 1);
    assert_eq!(narrowed.hits[0].id, "vpn");
    assert_eq!(narrowed.facets, found.facets, "facets ignore the filter");
    let none = index.search(
        &Query {
            category: Some("Nowhere"),
            ..query
        },
        |_| None,
    );
    assert_eq!(none.total, 0);
}

#[test]
fn did_you_mean_offers_known_words_when_nothing_matches() {
    let index = index_of(&library());
    let query = Query {
        text: "prinetrs jamed ",
        limit: 10,
        ..Query::default()
    };
    let found = index.search(&query, |_| None);
    // "prinetrs" is two edits from "printers": forgiven, so it matches and needs no advice.
    assert!(found.total > 0);
    let found = index.search(
        &Query {
            text: "vpm ",
            ..query.clone()
        },
        |_| None,
    );
    assert_eq!(found.total, 0);
    assert_eq!(found.did_you_mean.as_deref(), Some("vpn"));
    let found = index.search(
        &Query {
            text: "zzzzzz qqqqqq",
            ..query
        },
        |_| None,
    );
    assert_eq!(found.did_you_mean, None);
}

#[test]
fn the_users_language_ranks_first_among_equals() {
    let mut list = library();
    list.push(a("vpn-fr", "fr", "Network", "VPN", "VPN", "VPN"));
    list.push(a("vpn-en", "en", "Network", "VPN", "VPN", "VPN"));
    let index = index_of(&list);
    let ids = |lang| {
        let query = Query {
            text: "vpn",
            prefer_language: Some(lang),
            limit: 2,
            ..Query::default()
        };
        index
            .search(&query, |_| None)
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("fr")[0], "vpn-fr");
    assert_eq!(ids("en")[0], "vpn-en");
}

#[test]
fn updates_replace_and_remove_articles_in_place() {
    let list = library();
    let mut index = index_of(&list);
    assert_eq!(index.len(), list.len());
    assert_eq!(top(&index, "vpn").first().map(String::as_str), Some("vpn"));
    // The VPN article is rewritten: it no longer mentions passwords, and now mentions tokens.
    let mut changed = a(
        "vpn",
        "en",
        "Network",
        "Connect to the VPN",
        "Use your hardware token.",
        "Plug in the token.",
    );
    changed.tags = vec!["remote".into()];
    index.add([doc(&changed)]);
    assert_eq!(index.len(), list.len());
    assert_eq!(top(&index, "token"), ["vpn"]);
    assert_eq!(top(&index, "password"), ["password"]);
    assert_eq!(top(&index, "remote"), ["vpn"]);
    assert!(index.remove("vpn"));
    assert!(!index.remove("vpn"));
    assert!(top(&index, "token").is_empty());
    assert_eq!(index.len(), list.len() - 1);
    // The freed slot is reused.
    index.add([doc(&a("new", "en", "Misc", "Brand new token", "", ""))]);
    assert_eq!(top(&index, "token"), ["new"]);
}

#[test]
fn the_index_survives_a_round_trip_through_bytes() {
    let mut index = index_of(&library());
    index.remove("disk");
    let bytes = index.to_bytes();
    let loaded = Index::from_bytes(&bytes).expect("reads back");
    assert_eq!(loaded.len(), index.len());
    for query in [
        "reset password",
        "imprimante",
        "pasword",
        "unz",
        "disk",
        "space",
    ] {
        let q = Query {
            text: query,
            limit: 10,
            ..Query::default()
        };
        assert_eq!(
            loaded.search(&q, |_| None),
            index.search(&q, |_| None),
            "{query}"
        );
    }
    assert_eq!(
        loaded.to_bytes(),
        bytes,
        "writing again gives the same bytes"
    );
    let mut loaded = loaded;
    loaded.add([doc(&a("disk", "en", "Files", "Disk quota", "", ""))]);
    assert_eq!(top(&loaded, "quota"), ["disk"]);
    // A loaded index can let articles go too (it lists their terms when first asked).
    assert!(loaded.remove("vpn"));
    assert!(!top(&loaded, "vpn").contains(&"vpn".to_owned()));
    assert!(top(&loaded, "gateway").is_empty());
    assert_eq!(
        top(&loaded, "password").first().map(String::as_str),
        Some("password")
    );
}

#[test]
fn damaged_bytes_are_an_error_never_a_panic() {
    let bytes = index_of(&library()).to_bytes();
    assert_eq!(Index::from_bytes(b"").err(), Some(LoadError::Version));
    assert_eq!(
        Index::from_bytes(b"PTX\x01\x01rest").err(),
        Some(LoadError::Version)
    );
    for cut in 0..bytes.len() {
        assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // Flipping any byte either still reads (a changed count, say) or is reported: no panic.
    for at in (0..bytes.len()).step_by(7) {
        let mut bad = bytes.clone();
        bad[at] ^= 0xff;
        let _ = Index::from_bytes(&bad);
    }
    let mut huge = bytes[..5].to_vec();
    huge.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert!(
        Index::from_bytes(&huge).is_err(),
        "a huge count allocates nothing"
    );
}

#[test]
fn hostile_queries_stay_cheap() {
    let index = index_of(&library());
    let long = "a".repeat(100_000);
    assert!(top(&index, &long).is_empty());
    let many = "password ".repeat(10_000);
    assert_eq!(
        top(&index, &many).first().map(String::as_str),
        Some("password")
    );
    assert!(top(&index, "😀 مرحبا").is_empty());
    assert!(top(&index, "").is_empty());
    assert_eq!(query_words(&"word ".repeat(50)).len(), 1);
    let distinct: String = (0..100).map(|i| format!("w{i} ")).collect();
    assert_eq!(query_words(&distinct).len(), 12);
}

#[test]
fn a_stem_in_one_language_matches_only_articles_in_that_language() {
    // French and Spanish both stem "printer" to "print": English articles about printing in
    // general must not answer an English "printer" through them.
    let list = vec![
        a(
            "colour",
            "en",
            "Hardware",
            "Print in colour",
            "Print colour pages.",
            "Print them.",
        ),
        a(
            "printer",
            "en",
            "Hardware",
            "Add a printer",
            "",
            "The printer is on floor 2.",
        ),
        a("imprimer", "fr", "Matériel", "Printer en couleur", "", ""),
    ];
    let index = index_of(&list);
    let got = top(&index, "printer ");
    assert_eq!(got.first().map(String::as_str), Some("printer"));
    assert!(!got.contains(&"colour".to_owned()), "{got:?}");
}
