//! The service catalog, grouped by category, and one catalog item.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{use_route_id, MissingEntity};
use crate::i18n::{plural, t, t_with, Lang, Msg};
use crate::model::{CatalogItem, Category, FormSchema, TicketKind};
use crate::routes::{catalog_search_href, Page};
use crate::search::ServiceIndex;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{entity_view, load, ErrorNotice, Loading};
use crate::shell::views::icons::IconName;
use crate::shell::views::markdown_view::Markdown;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};
use crate::shell::views::request_form::RequestForm;

/// "Usually delivered within 3 days"; an incident is resolved, not delivered.
fn delivery(lang: Lang, hours: u32, kind: TicketKind) -> String {
    let time = if hours < 48 {
        plural(lang, u64::from(hours), Msg::HoursOne, Msg::HoursMany)
    } else {
        plural(
            lang,
            u64::from(hours.div_ceil(24)),
            Msg::DaysOne,
            Msg::DaysMany,
        )
    };
    if kind == TicketKind::Incident {
        t_with(lang, Msg::ResolvedWithin, &[("time", &time)])
    } else {
        t_with(lang, Msg::DeliveryWithin, &[("time", &time)])
    }
}

/// A catalog item as a card that opens its page.
pub(super) fn item_card(item: CatalogItem, lang: RwSignal<Lang>) -> impl IntoView {
    let (hours, kind) = (item.delivery_hours, item.kind);
    view! {
        <li>
            <A href=Page::CatalogItem(item.id.clone()).href() attr:class="item-card">
                <span class="item-card__name">{item.name}</span>
                <span class="item-card__text">{item.short_description}</span>
                {hours.map(|h| view! { <span class="item-card__meta">{move || delivery(lang.get(), h, kind)}</span> })}
            </A>
        </li>
    }
}

fn category_section(
    category: Category,
    items: Vec<CatalogItem>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let heading_id = format!("category-{}", category.id);
    let labelled_by = heading_id.clone();
    let count = items.len() as u64;
    view! {
        <section class="catalog-group" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {category.name}
                <span class="catalog-group__count">
                    {move || plural(lang.get(), count, Msg::ServicesOne, Msg::ServicesMany)}
                </span>
            </h2>
            <p class="catalog-group__description">{category.description}</p>
            <ul class="item-grid">{items.into_iter().map(|i| item_card(i, lang)).collect_view()}</ul>
        </section>
    }
}

#[component]
pub fn Catalog() -> impl IntoView {
    let catalog = load(|c| c.list_categories());
    let items = load(|c| c.list_items());
    let retry = Callback::new(move |_| {
        catalog.refetch();
        items.refetch();
    });
    view! {
        <PageLayout title=msg_signal(Msg::CatalogTitle) intro=msg_signal(Msg::CatalogIntro)>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (catalog.await, items.await) {
                        (Ok(categories), Ok(items)) if !items.is_empty() => {
                            view! { <FilteredCatalog categories items /> }.into_any()
                        }
                        (Ok(_), Ok(_)) => view! {
                            <EmptyState
                                icon=IconName::Catalog
                                message=msg_signal(Msg::CatalogEmpty)
                                hint=msg_signal(Msg::CatalogEmptyHint)
                                action=(Page::Knowledge.href(), msg_signal(Msg::NavKnowledge))
                            />
                        }
                            .into_any(),
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </PageLayout>
    }
}

/// The catalog with its filters: words (forgiving typos and accents) and a category.
#[component]
fn FilteredCatalog(categories: Vec<Category>, items: Vec<CatalogItem>) -> impl IntoView {
    use leptos_router::{hooks::use_navigate, hooks::use_query_map, NavigateOptions};
    let lang = use_app().lang;
    // The words are kept in the address (`?q=`), as the knowledge base's are: a reload, a
    // shared link and back/forward bring them back.
    let params = use_query_map();
    let navigate = use_navigate();
    let url_query = Memo::new(move |_| params.read().get("q").unwrap_or_default());
    let query = RwSignal::new(url_query.get_untracked());
    Effect::new(move |_| {
        let q = url_query.get();
        if query.get_untracked() != q {
            query.set(q);
        }
    });
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        query.set(value.clone());
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&catalog_search_href(&value), options);
    };
    let only = RwSignal::new(String::new());
    let options = categories
        .iter()
        .map(|c| view! { <option value=c.id.clone()>{c.name.clone()}</option> })
        .collect_view();
    // Owned by the closure below: analysed once for this list of items.
    let index = ServiceIndex::new(items.iter().map(|i| {
        let category = categories.iter().find(|c| c.id == i.category_id);
        (i, category.map(|c| c.name.as_str()).unwrap_or(""))
    }));
    let sections = move || {
        let q = query.get();
        let chosen = only.get();
        // With words typed, the categories holding the best matches come first, and each
        // lists its matches best first; without, the catalog in its own order.
        let ranked: Vec<&CatalogItem> = if q.trim().is_empty() {
            items.iter().collect()
        } else {
            index
                .search(&q)
                .into_iter()
                .filter_map(|hit| items.get(hit.position))
                .collect()
        };
        let order: Vec<&Category> = if q.trim().is_empty() {
            categories.iter().collect()
        } else {
            let mut order: Vec<&Category> = Vec::new();
            for item in &ranked {
                let category = categories.iter().find(|c| c.id == item.category_id);
                if let Some(c) = category.filter(|c| !order.iter().any(|o| o.id == c.id)) {
                    order.push(c);
                }
            }
            order
        };
        let shown: Vec<AnyView> = order
            .into_iter()
            .filter(|c| chosen.is_empty() || c.id == chosen)
            .filter_map(|c| {
                let mine: Vec<CatalogItem> = ranked
                    .iter()
                    .filter(|i| i.category_id == c.id)
                    .map(|i| (*i).clone())
                    .collect();
                (!mine.is_empty()).then(|| category_section(c.clone(), mine, lang).into_any())
            })
            .collect();
        if shown.is_empty() {
            let l = lang.get();
            view! {
                <div class="empty-state" role="status">
                    <p class="empty-state__message">{t_with(l, Msg::CatalogNoMatch, &[("query", q.trim())])}</p>
                    <A href=Page::Knowledge.href()>{t(l, Msg::CatalogTryKnowledge)}</A>
                </div>
            }
            .into_any()
        } else {
            shown.into_iter().collect_view().into_any()
        }
    };
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="search-box">
                <label for="catalog-search">{tr(Msg::CatalogSearchLabel)}</label>
                <input
                    id="catalog-search"
                    type="search"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=on_input
                />
            </div>
            <div class="search-box">
                <label for="catalog-category">{tr(Msg::CatalogCategoryLabel)}</label>
                <select id="catalog-category" on:change=move |ev| only.set(event_target_value(&ev))>
                    <option value="">{tr(Msg::CatalogAllCategories)}</option>
                    {options}
                </select>
            </div>
        </form>
        {sections}
    }
}

#[component]
pub fn CatalogItem() -> impl IntoView {
    let id = use_route_id();
    let lang = use_app().lang;
    let items = load(|c| c.list_items());
    let retry = Callback::new(move |_| items.refetch());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let found = items.await.and_then(|all| {
                    all.into_iter().find(|i| i.id == id.get()).ok_or(crate::connector::PortalError::NotFound)
                });
                entity_view(
                    found,
                    |item| item_page(item, lang).into_any(),
                    move || {
                        view! {
                            <MissingEntity
                                title=Msg::ItemNotFoundTitle
                                message=Msg::ItemNotFound
                                id
                                back=(Page::Catalog, Msg::BackToCatalog)
                            />
                        }
                            .into_any()
                    },
                    Msg::CatalogTitle,
                    retry,
                )
            })}
        </Transition>
    }
}

/// The item's request form: carried by the listing, or fetched.
#[component]
fn ItemForm(item_id: String, item_name: String, form: Option<FormSchema>) -> impl IntoView {
    let id = item_id.clone();
    let fetched = load(move |c| match &form {
        Some(schema) => crate::connector::Exchange::Done(schema.clone()),
        None => c.get_form(&id),
    });
    let retry = Callback::new(move |_| fetched.refetch());
    view! {
        <Transition fallback=Loading>
            {move || {
                let (item_id, item_name) = (item_id.clone(), item_name.clone());
                Suspend::new(async move {
                    match fetched.await {
                        Ok(schema) => view! { <RequestForm item_id item_name schema /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

fn item_page(item: CatalogItem, lang: RwSignal<Lang>) -> impl IntoView {
    crate::shell::usage::note_item_opened(use_app(), &item.id);
    let (hours, kind) = (item.delivery_hours, item.kind);
    let label = if kind == TicketKind::Incident {
        Msg::ResolutionTimeLabel
    } else {
        Msg::DeliveryTimeLabel
    };
    let approval = item.approval_required;
    view! {
        <PageLayout title=Signal::stored(item.name.clone()) intro=Signal::stored(item.short_description.clone())>
            <dl class="facts">
                {hours
                    .map(|h| {
                        view! {
                            <div>
                                <dt class="visually-hidden">{tr(label)}</dt>
                                <dd>{move || delivery(lang.get(), h, kind)}</dd>
                            </div>
                        }
                    })}
                {item
                    .cost_hint
                    .map(|cost| {
                        view! {
                            <div>
                                <dt>{tr(Msg::CostLabel)}</dt>
                                <dd>{cost}</dd>
                            </div>
                        }
                    })}
            </dl>
            {approval.then(|| view! { <p class="tag">{tr(Msg::ApprovalRequired)}</p> })}
            {(!item.description.trim().is_empty())
                .then(|| {
                    view! {
                        // Rendered, not flattened to text: tables, lists and links as written.
                        <section class="prose" aria-labelledby="item-details">
                            <h2 id="item-details">{move || t(lang.get(), Msg::ItemDetails)}</h2>
                            <Markdown text=Signal::stored(item.description.clone()) />
                        </section>
                    }
                })}
            <ItemForm item_id=item.id.clone() item_name=item.name.clone() form=item.form.clone() />
        </PageLayout>
    }
}
