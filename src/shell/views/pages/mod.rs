//! One module per area of the portal.

mod catalog;
mod config_error;
mod drafts;
mod home;
mod knowledge;
mod not_found;
mod settings;
mod sign_in;
mod ticket;
mod ticket_actions;
mod ticket_files;
mod tickets;

pub use catalog::{Catalog, CatalogItem};
pub use config_error::ConfigErrorPage;
pub use drafts::Drafts;
pub use home::Home;
pub use knowledge::{Article, Knowledge};
pub use not_found::{MissingEntity, NotFound};
pub use settings::Settings;
pub use sign_in::SignIn;
pub use ticket::Ticket;
pub use tickets::Tickets;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::routes::{decode_id, segment};

/// The id in the current `/area/:id` address (see [`crate::routes::encode_id`]).
pub fn use_route_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| decode_id(&params.read().get(segment::ID).unwrap_or_default()))
}
