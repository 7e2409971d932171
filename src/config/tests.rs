use super::*;

const GOOD: &str = r##"{
  "portal_name": "Acme IT",
  "logo": "logo.svg",
  "brand": { "primary": "#1f4fd1", "primary_dark": "#8fb0ff" },
  "default_language": "fr",
  "kiosk": true,
  "backend": { "kind": "demo" }
}"##;

#[test]
fn a_complete_config_parses() {
    let c = parse(GOOD).expect("valid config");
    assert_eq!(c.portal_name, "Acme IT");
    assert_eq!(c.default_language, Some(Lang::Fr));
    assert!(c.kiosk);
    assert_eq!(
        c.backend,
        Backend::Demo {
            transport: DemoTransport::Worker
        }
    );
}

#[test]
fn the_shipped_config_is_valid() {
    let shipped = include_str!("../../public/config.json");
    assert!(parse(shipped).is_ok(), "{:?}", parse(shipped));
}

#[test]
fn a_minimal_config_gets_defaults() {
    let c = parse(r##"{"portal_name":"IT","backend":{"kind":"demo"}}"##).expect("valid");
    assert_eq!(c.brand, Brand::default());
    assert_eq!((c.logo, c.default_language, c.kiosk), (None, None, false));
}

#[test]
fn every_error_names_the_key_that_failed() {
    let cases: &[(&str, &str, &str)] = &[
        ("", "config.json", "not valid JSON"),
        ("{\"portal_name\": ", "config.json", "not valid JSON"),
        ("[]", "config.json", "JSON object"),
        (
            r##"{"backend":{"kind":"demo"}}"##,
            "portal_name",
            "missing field",
        ),
        (r##"{"portal_name":"IT"}"##, "backend", "missing field"),
        (
            r##"{"portal_nmae":"IT","backend":{"kind":"demo"}}"##,
            "portal_nmae",
            "unknown field",
        ),
        (
            r##"{"portal_name":42,"backend":{"kind":"demo"}}"##,
            "portal_name",
            "invalid type",
        ),
        (
            r##"{"portal_name":"  ","backend":{"kind":"demo"}}"##,
            "portal_name",
            "1 to 60",
        ),
        (
            r##"{"portal_name":"IT","backend":{"kind":"servicenow9"}}"##,
            "backend.kind",
            "unknown variant",
        ),
        (
            r##"{"portal_name":"IT","backend":{"kind":"demo","x":1}}"##,
            "backend.x",
            "unknown field",
        ),
        (
            r##"{"portal_name":"IT","kiosk":"yes","backend":{"kind":"demo"}}"##,
            "kiosk",
            "invalid type",
        ),
        (
            r##"{"portal_name":"IT","default_language":"de","backend":{"kind":"demo"}}"##,
            "default_language",
            "\"en\"",
        ),
        (
            r##"{"portal_name":"IT","logo":"javascript:alert(1)","backend":{"kind":"demo"}}"##,
            "logo",
            "relative",
        ),
        (
            r##"{"portal_name":"IT","logo":"//evil.example/x.svg","backend":{"kind":"demo"}}"##,
            "logo",
            "relative",
        ),
        (
            r##"{"portal_name":"IT","brand":{"primary":"blue"},"backend":{"kind":"demo"}}"##,
            "brand.primary",
            "#1f4fd1",
        ),
        (
            r##"{"portal_name":"IT","brand":{"primary":"#ffcc00"},"backend":{"kind":"demo"}}"##,
            "brand.primary",
            "contrast",
        ),
        (
            r##"{"portal_name":"IT","brand":{"primary_dark":"#1f4fd1"},"backend":{"kind":"demo"}}"##,
            "brand.primary_dark",
            "contrast",
        ),
        (
            r##"{"portal_name":"IT","brand":{"secondary":"#000000"},"backend":{"kind":"demo"}}"##,
            "brand.secondary",
            "unknown field",
        ),
        (
            r##"{"portal_name":"IT","backend":{"kind":"rt","url":"https://rt.example"}}"##,
            "backend.url",
            "CORS",
        ),
        (
            r##"{"portal_name":"IT","backend":{"kind":"rt"}}"##,
            "backend.url",
            "missing field",
        ),
        (
            r##"{"portal_name":"IT","backend":{"kind":"rt","url":"/rt","idempotency_field":"a'b"}}"##,
            "backend.idempotency_field",
            "quotes",
        ),
        (
            r##"{"portal_name":"IT","backend":{"kind":"rt","url":"/rt","categories":[{"name":" ","queues":[]}]}}"##,
            "backend.categories[0].name",
            "empty",
        ),
        (
            r##"{"portal_name":"IT","backend":{"kind":"rt","url":"/rt","categories":[{"name":"A","queue":[]}]}}"##,
            "backend.categories[0].queue",
            "unknown field",
        ),
    ];
    for (text, key, problem) in cases {
        let err = parse(text).expect_err(text);
        assert_eq!(err.key, *key, "{text}");
        assert!(err.problem.contains(problem), "{text}: {:?}", err.problem);
    }
}

#[test]
fn safe_logo_urls_are_accepted() {
    for ok in [
        "logo.svg",
        "/assets/logo.png",
        "https://cdn.example/logo.svg",
        "img/a:b.png",
    ] {
        assert!(is_safe_asset_url(ok), "{ok}");
    }
    for bad in [
        "data:image/svg+xml,<svg/>",
        "JavaScript:x",
        "http://x/y.png",
        " ",
        "a\u{0}b",
    ] {
        assert!(!is_safe_asset_url(bad), "{bad}");
    }
}

#[test]
fn contrast_matches_wcag_reference_values() {
    assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((contrast_ratio([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
    // #767676 on white is the classic 4.54:1 just-passing grey.
    assert!((contrast_ratio([0x76, 0x76, 0x76], [255, 255, 255]) - 4.54).abs() < 0.01);
}

#[test]
fn non_ascii_colours_do_not_panic() {
    assert_eq!(parse_hex("#ééé"), None);
    assert_eq!(parse_hex("#12345"), None);
}

#[test]
fn a_request_tracker_backend_gets_sensible_defaults() {
    let c = parse(r##"{"portal_name":"IT","backend":{"kind":"rt","url":"/rt"}}"##).expect("valid");
    let Backend::Rt(rt) = c.backend else {
        panic!("not RT: {:?}", c.backend)
    };
    assert_eq!(rt.url, "/rt");
    assert!(rt.categories.is_empty());
    assert_eq!(
        (
            rt.other_category.as_str(),
            rt.idempotency_field.as_str(),
            rt.language_field.as_str()
        ),
        ("Requests", "PortalRef", "Language")
    );
}

#[test]
fn the_demo_desk_can_be_reached_over_http_for_fault_tests() {
    let c = parse(r#"{"portal_name":"IT","backend":{"kind":"demo","transport":"http"}}"#)
        .expect("valid");
    assert_eq!(
        c.backend,
        Backend::Demo {
            transport: DemoTransport::Http
        }
    );
    assert!(
        parse(r#"{"portal_name":"IT","backend":{"kind":"demo","transport":"pigeon"}}"#).is_err()
    );
}
