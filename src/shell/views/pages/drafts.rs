//! The user's unsent requests on this device: resume one, or discard it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::forms::draft::{draft_prefix, Draft};
use crate::i18n::{t, Msg};
use crate::model::CatalogItem;
use crate::routes::Page;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{date_time_text, load, Loading};
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};
use crate::shell::{backend, drafts};

/// The user's drafts, most recently changed first, as (item id, storage key, draft).
async fn my_drafts() -> Result<Vec<(String, String, Draft)>, String> {
    let Some(connector) = backend::connector() else {
        return Ok(Vec::new());
    };
    let prefix = draft_prefix(&connector.id());
    let mut list: Vec<(String, String, Draft)> = drafts::list(&prefix)
        .await?
        .into_iter()
        .filter_map(|(key, draft)| Some((key.strip_prefix(&prefix)?.to_owned(), key, draft)))
        .collect();
    list.sort_by_key(|(_, _, d)| std::cmp::Reverse(d.saved_at));
    Ok(list)
}

#[component]
pub fn Drafts() -> impl IntoView {
    let lang = use_app().lang;
    let list = LocalResource::new(my_drafts);
    let items = load(|c| c.list_items());
    let announce = RwSignal::new(None::<Msg>);
    let rows = move |found: Vec<(String, String, Draft)>, items: Vec<CatalogItem>| {
        found
            .into_iter()
            .map(|(item_id, key, draft)| {
                // An item the catalog no longer has is still listed under its id, so the
                // answers can be read and discarded.
                let name = items
                    .iter()
                    .find(|i| i.id == item_id)
                    .map_or_else(|| item_id.clone(), |i| i.name.clone());
                let title = draft.title.trim().to_owned();
                let (resume_name, discard_name) = (name.clone(), name.clone());
                let saved = draft.saved_at;
                let discard = move |_| {
                    let key = key.clone();
                    leptos::task::spawn_local(async move {
                        if drafts::save(&key, &Draft::default(), false).await.is_ok() {
                            announce.set(Some(Msg::DraftDiscarded));
                            list.refetch();
                        }
                    });
                };
                view! {
                    <li class="ticket-row">
                        <span class="ticket-row__title">{name}</span>
                        <span class="ticket-row__number">
                            {if title.is_empty() {
                                view! { {tr(Msg::DraftUntitled)} }.into_any()
                            } else {
                                title.into_any()
                            }}
                        </span>
                        <span class="ticket-row__updated">
                            {move || {
                                let l = lang.get();
                                crate::i18n::t_with(l, Msg::DraftChanged, &[("time", &date_time_text(l, saved))])
                            }}
                        </span>
                        <span class="draft-row__actions">
                            <A
                                href=Page::CatalogItem(item_id).href()
                                attr:class="button button--primary"
                                attr:aria-label=move || format!("{}: {resume_name}", t(lang.get(), Msg::DraftResume))
                            >
                                {tr(Msg::DraftResume)}
                            </A>
                            <button
                                type="button"
                                class="button"
                                aria-label=move || format!("{}: {discard_name}", t(lang.get(), Msg::DraftDiscard))
                                on:click=discard
                            >
                                {tr(Msg::DraftDiscard)}
                            </button>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <PageLayout title=msg_signal(Msg::DraftsTitle) intro=msg_signal(Msg::DraftsIntro)>
            <p role="status" class="visually-hidden">{move || announce.get().map(|m| t(lang.get(), m))}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let all_items = items.await.unwrap_or_default();
                    match list.await {
                        Ok(found) if found.is_empty() => view! {
                            <EmptyState
                                icon=IconName::Catalog
                                message=msg_signal(Msg::DraftsEmpty)
                                hint=msg_signal(Msg::DraftsEmptyHint)
                                action=(Page::Catalog.href(), msg_signal(Msg::NavCatalog))
                            />
                        }
                            .into_any(),
                        Ok(found) => view! { <ul class="ticket-list">{rows(found, all_items)}</ul> }.into_any(),
                        Err(problem) => view! {
                            <p class="notice notice--error">{tr(Msg::DraftNotKept)} " (" {problem} ")"</p>
                        }
                            .into_any(),
                    }
                })}
            </Transition>
        </PageLayout>
    }
}
