//! An attachment field: files dropped on it or picked with the native file input (which
//! every keyboard and screen reader knows), checked against the field's limits before they are
//! read, listed with a preview for images, and removable one by one. The files live in the
//! form's [`FormExtras`]; the value is the list of their names, so rules and checks see them.

use leptos::prelude::*;

use super::request_form::FormExtras;
use crate::connector::Upload;
use crate::forms::files::{check_file, limits, FileProblem};
use crate::forms::Values;
use crate::i18n::{format_bytes, t_with, Lang, Msg};
use crate::model::{FieldKind, Value};
use crate::shell::platform;
use crate::shell::state::{tr, use_app};

/// Writes the field's value from its files: their names, in order.
fn sync_value(values: RwSignal<Values>, files: &[(String, Upload)], key: &str) {
    let names: Vec<String> = files
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, f)| f.name.clone())
        .collect();
    values.update(|v| {
        if names.is_empty() {
            v.remove(key);
        } else {
            v.insert(key.to_owned(), Value::List(names));
        }
    });
}

fn problem_text(lang: Lang, name: &str, problem: &FileProblem) -> String {
    match problem {
        FileProblem::TooBig { max_bytes } => t_with(
            lang,
            Msg::FilesTooBig,
            &[("name", name), ("size", &format_bytes(lang, *max_bytes))],
        ),
        FileProblem::WrongType => t_with(lang, Msg::FilesWrongType, &[("name", name)]),
        FileProblem::TooMany { max } => t_with(
            lang,
            Msg::FilesTooMany,
            &[("name", name), ("count", &max.to_string())],
        ),
    }
}

/// The drop zone, the file input, the chosen files and the messages of field `key`.
pub(super) fn attachment_input(
    id: String,
    key: StoredValue<String>,
    kind: FieldKind,
    described: String,
    values: RwSignal<Values>,
    disabled: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_app().lang;
    let Some(files) = use_context::<FormExtras>().map(|x| x.files) else {
        return ().into_any();
    };
    let (max_files, max_bytes, accept) = limits(&kind)
        .map(|(n, b, a)| (n, b, a.to_vec()))
        .unwrap_or((1, 0, Vec::new()));
    let kind = StoredValue::new(kind);
    let problems = RwSignal::new(Vec::<String>::new());
    let announce = RwSignal::new(String::new());
    let hover = RwSignal::new(false);
    // Focus returns to the file input after a removal, so keyboard users are not lost.
    let input_id = StoredValue::new(format!("{id}-input"));

    let add = move |list: web_sys::FileList| {
        problems.set(Vec::new());
        let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            for file in chosen {
                let name = file.name();
                let mime = Some(file.type_())
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| "application/octet-stream".to_owned());
                let already = files
                    .with_untracked(|f| f.iter().filter(|(k, _)| *k == key.get_value()).count());
                let size = file.size().max(0.0) as u64;
                let checked = kind.with_value(|k| check_file(k, already, &name, &mime, size));
                if let Err(problem) = checked {
                    problems.update(|p| p.push(problem_text(l, &name, &problem)));
                    continue;
                }
                let Some(bytes) = platform::read_file(&file).await else {
                    problems
                        .update(|p| p.push(t_with(l, Msg::FilesUnreadable, &[("name", &name)])));
                    continue;
                };
                files.update(|f| {
                    f.push((
                        key.get_value(),
                        Upload {
                            name: name.clone(),
                            mime,
                            bytes,
                        },
                    ))
                });
                files.with_untracked(|f| sync_value(values, f, &key.get_value()));
                announce.set(t_with(l, Msg::FilesAdded, &[("name", &name)]));
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            add(list);
        }
        // The same file can be picked again after it is removed.
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        hover.set(false);
        if disabled() {
            return;
        }
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            add(list);
        }
    };
    let remove = move |index: usize| {
        let mut removed = None;
        files.update(|f| {
            let mine: Vec<usize> = f
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| *k == key.get_value())
                .map(|(i, _)| i)
                .collect();
            if let Some(&at) = mine.get(index) {
                removed = Some(f.remove(at).1.name);
            }
        });
        files.with_untracked(|f| sync_value(values, f, &key.get_value()));
        if let Some(name) = removed {
            announce.set(t_with(
                lang.get_untracked(),
                Msg::FilesRemoved,
                &[("name", &name)],
            ));
        }
        platform::focus_element(&input_id.get_value());
    };
    let list = move || {
        let mine: Vec<Upload> = files.with(|f| {
            f.iter()
                .filter(|(k, _)| *k == key.get_value())
                .map(|(_, u)| u.clone())
                .collect()
        });
        mine.into_iter()
            .enumerate()
            .map(|(i, upload)| {
                let preview = upload
                    .mime
                    .starts_with("image/")
                    .then(|| platform::object_url(&upload.mime, &upload.bytes).ok())
                    .flatten();
                if let Some(url) = preview.clone() {
                    on_cleanup(move || platform::release_url(&url));
                }
                let size = upload.bytes.len() as u64;
                let name = upload.name.clone();
                view! {
                    <li class="attach__file">
                        {preview.map(|src| view! { <img class="attach__preview" src=src alt="" /> })}
                        <span class="attach__name">{upload.name}</span>
                        <span class="attach__size">{move || format_bytes(lang.get(), size)}</span>
                        <button
                            type="button"
                            class="button button--small"
                            on:click=move |_| remove(i)
                        >
                            {move || t_with(lang.get(), Msg::FilesRemove, &[("name", &name)])}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let limits_text = move || {
        let l = lang.get();
        let mut text = t_with(
            l,
            Msg::FilesLimits,
            &[
                ("count", &max_files.to_string()),
                ("size", &format_bytes(l, max_bytes)),
            ],
        );
        if !accept.is_empty() {
            text.push(' ');
            text.push_str(&t_with(
                l,
                Msg::FilesTypes,
                &[("types", &accept.join(", "))],
            ));
        }
        text
    };
    let accept_attr = limits(&kind.get_value())
        .map(|(_, _, a)| a.join(","))
        .unwrap_or_default();
    let input_id = input_id.get_value();
    let limits_id = format!("{id}-limits");
    view! {
        <div
            class="attach__drop"
            class:attach__drop--hover=move || hover.get()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                hover.set(true);
            }
            on:dragleave=move |_| hover.set(false)
            on:drop=on_drop
        >
            <label for=input_id.clone()>{tr(Msg::FilesDrop)} " " <span class="attach__choose">{tr(Msg::FilesChoose)}</span></label>
            <input
                id=input_id
                type="file"
                multiple={ max_files > 1 }
                accept=accept_attr
                aria-describedby=format!("{limits_id} {described}")
                prop:disabled=disabled
                on:change=on_change
            />
            <p id=limits_id class="field__help">{limits_text}</p>
        </div>
        <ul class="attach__list">{list}</ul>
        <ul class="attach__problems" role="alert">
            {move || problems.get().into_iter().map(|p| view! { <li class="field__error">{p}</li> }).collect_view()}
        </ul>
        <p class="visually-hidden" role="status">{move || announce.get()}</p>
    }
    .into_any()
}
